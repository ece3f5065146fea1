package io.dagflow.run;

import io.dagflow.expression.Expression;
import io.dagflow.expression.ExpressionException;
import io.dagflow.expression.Scope;
import io.dagflow.model.Dag;
import io.dagflow.template.TemplateScope;

/**
 * The {@code when} conditions of an execution's nodes, each parsed once, evaluated when its node
 * becomes ready, over the same values templates read (upstream results and {@code workflow}).
 */
final class Conditions {

    /** What a ready node does: run, be skipped (with why), or fail (its condition cannot be evaluated). */
    record Verdict(String skipReason, String error) {

        static final Verdict RUN = new Verdict(null, null);

        boolean runs() {
            return skipReason == null && error == null;
        }
    }

    private final Dag dag;
    private final Expression[] parsed;

    Conditions(Dag dag) {
        this.dag = dag;
        this.parsed = new Expression[dag.size()];
    }

    Verdict check(int index, TemplateScope values) {
        String when = dag.node(index).when();
        if (when == null) {
            return Verdict.RUN;
        }
        try {
            if (parsed[index] == null) {
                parsed[index] = Expression.parse(when);
            }
            return parsed[index].evaluate(Scope.of(values)) ? Verdict.RUN
                    : new Verdict("its condition is false: " + parsed[index], null);
        } catch (ExpressionException e) {
            return new Verdict(null, "its condition '" + when + "' cannot be evaluated: " + e.getMessage());
        }
    }
}
