package io.dagflow.expression;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.template.TemplateReference;
import io.dagflow.template.TemplateScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The values an expression's paths read. */
@FunctionalInterface
public interface Scope {

    /**
     * The value at {@code path} (its root first, then keys and indexes), or empty when there is none:
     * an unknown root, a missing key, an index past the end. A JSON null is a value, not empty.
     */
    Optional<JsonNode> resolve(List<String> path);

    /** Roots by name, walked into as {@link #over} does. */
    static Scope of(Map<String, JsonNode> roots) {
        return over(root -> Optional.ofNullable(roots.get(root)));
    }

    /**
     * The values templates read: node results by node id, and {@code workflow} for the execution's
     * id, name and inputs; so that {@code build.exit_code} means what {@code {{build.exit_code}}} means.
     */
    static Scope of(TemplateScope templates) {
        return over(root -> TemplateReference.WORKFLOW.equals(root)
                ? Optional.ofNullable(templates.workflow())
                : templates.nodeResult(root));
    }

    /**
     * Looks the root up with {@code roots}, then walks the rest of the path: a segment is an object's
     * key, or on a list an index written without leading zeros.
     */
    static Scope over(Function<String, Optional<JsonNode>> roots) {
        return path -> roots.apply(path.get(0)).map(value -> {
            // JsonPointer is Jackson's own walk: keys on objects, indexes on lists, MissingNode past either
            JsonPointer pointer = JsonPointer.empty();
            for (String segment : path.subList(1, path.size())) {
                pointer = pointer.appendProperty(segment);
            }
            return value.at(pointer);
        }).filter(value -> !value.isMissingNode());
    }
}
