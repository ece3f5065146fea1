package io.dagflow.model;

import java.util.Locale;
import java.util.Optional;

/**
 * When a node runs, given how its dependencies ended (docs/workflow-format.md, "Trigger rules").
 * A dependency that failed, was blocked or was cancelled counts as failed; one skipped (its
 * condition was false) counts as neither a success nor a failure.
 */
public enum TriggerRule {
    /** Every dependency completed or was skipped, and not all were skipped (the default). */
    ALL_SUCCESS,
    /** Every dependency ended, however: for clean-up. */
    ALL_DONE,
    /** At least one dependency completed: the node starts as soon as one does. */
    ONE_SUCCESS,
    /** At least one dependency failed: for a notification of failure. */
    ONE_FAILED,
    /** Every dependency ended and none failed; skipped ones are fine. */
    NONE_FAILED;

    /** What a node waiting on its dependencies does next. */
    public enum Decision {
        WAIT,
        RUN,
        /** Never runs: a dependency failed that the rule needed to succeed. */
        BLOCK,
        /** Never runs: what the rule waits for can no longer happen, but nothing it needed failed. */
        SKIP
    }

    /** The rule as written in a definition ({@code "all_done"}). */
    public String written() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TriggerRule> fromWritten(String text) {
        for (TriggerRule rule : values()) {
            if (rule.written().equals(text)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * @param dependencies how many the node has
     * @param completed, failed, skipped how many ended so
     * @param ended how many ended in any way
     */
    public Decision decide(int dependencies, int completed, int failed, int skipped, int ended) {
        if (dependencies == 0) {
            return Decision.RUN;
        }
        boolean allEnded = ended == dependencies;
        return switch (this) {
            case ALL_SUCCESS -> failed > 0 ? Decision.BLOCK
                    : !allEnded ? Decision.WAIT
                    : completed == 0 ? Decision.SKIP
                    : Decision.RUN;
            case ALL_DONE -> allEnded ? Decision.RUN : Decision.WAIT;
            case ONE_SUCCESS -> completed > 0 ? Decision.RUN
                    : !allEnded ? Decision.WAIT
                    : failed > 0 ? Decision.BLOCK
                    : Decision.SKIP;
            case ONE_FAILED -> failed > 0 ? Decision.RUN : allEnded ? Decision.SKIP : Decision.WAIT;
            case NONE_FAILED -> failed > 0 ? Decision.BLOCK : allEnded ? Decision.RUN : Decision.WAIT;
        };
    }
}
