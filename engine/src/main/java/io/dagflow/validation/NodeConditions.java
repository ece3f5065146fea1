package io.dagflow.validation;

import io.dagflow.expression.Expression;
import io.dagflow.expression.ExpressionException;
import io.dagflow.expression.Reference;
import io.dagflow.model.TriggerRule;
import java.util.Arrays;
import java.util.List;

/**
 * Reads what decides whether a node runs: its {@code trigger} rule and its {@code when}
 * condition. A condition is parsed before anything runs; its syntax errors point at the column
 * within the file, and the paths it reads are checked like templates (each must name an upstream
 * node or the workflow).
 */
final class NodeConditions {

    static final List<String> TRIGGER_RULES = Arrays.stream(TriggerRule.values()).map(TriggerRule::written).toList();

    private NodeConditions() {
    }

    static TriggerRule trigger(NodeDraft node, long at, String written) {
        if (written == null) {
            return null;
        }
        return TriggerRule.fromWritten(written).orElseGet(() -> {
            String meant = Suggestions.closest(written, TRIGGER_RULES);
            node.report(at, "trigger", "unknown trigger rule '" + written + "'"
                    + (meant != null ? "; did you mean '" + meant + "'?" : "")
                    + " (one of " + String.join(", ", TRIGGER_RULES) + ")");
            return null;
        });
    }

    /** @param at where the condition's string starts (its opening quote) */
    static String when(NodeDraft node, long at, String written) {
        if (written == null) {
            return null;
        }
        Expression expression;
        try {
            expression = Expression.parse(written);
        } catch (ExpressionException e) {
            node.report(within(at, e.column()), "when", "condition '" + written + "': " + e.getMessage());
            return null;
        }
        for (Reference reference : expression.references()) {
            // Checked with the templates: the same rules decide what a node may read.
            node.addTemplateSite(new TemplateSite("{{" + String.join(".", reference.path()) + "}}",
                    within(at, reference.column()), List.of("when")));
        }
        return written;
    }

    /** The position of the condition's {@code column}-th character, one past the opening quote. */
    private static long within(long stringStart, int column) {
        return Position.of(Position.line(stringStart), Position.column(stringStart) + Math.max(1, column));
    }
}
