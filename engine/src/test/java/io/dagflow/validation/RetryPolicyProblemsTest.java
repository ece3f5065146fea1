package io.dagflow.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyProblemsTest {

    private static final String FILE = "workflow.json";

    private final WorkflowLoader loader = new WorkflowLoader();

    /** One node "a" whose retry_policy is {@code policy}; the policy starts at line 3, column 8. */
    private List<Problem> problemsOfPolicy(String policy) {
        return loader.check("{\"name\": \"retry\", \"dag\": {\"nodes\": [\n {\"id\": \"a\", \"handler\": \"echo\",\n"
                + "  \"retry_policy\": " + policy + "}]}}", FILE);
    }

    @Test
    void everyFieldIsOptionalAndAValidPolicyPasses() {
        assertThat(problemsOfPolicy("{}")).isEmpty();
        assertThat(problemsOfPolicy("""
                {"max_attempts": 1, "initial_backoff_seconds": 0, "backoff_multiplier": 1,
                 "max_backoff_seconds": 0, "strategy": "fixed", "jitter": 1}""")).isEmpty();
    }

    @Test
    void maxAttemptsMustBeAWholeNumberOfAtLeastOne() {
        assertThat(problemsOfPolicy("{\"max_attempts\": 0}")).containsExactly(new Problem(FILE, 3, 36, "a",
                "retry_policy.max_attempts", "must be at least 1 (1 means no retry), was 0"));
        assertThat(problemsOfPolicy("{\"max_attempts\": 2.5}")).containsExactly(new Problem(FILE, 3, 36, "a",
                "retry_policy.max_attempts", "must be a whole number, not 2.5"));
        assertThat(problemsOfPolicy("{\"max_attempts\": \"3\"}")).containsExactly(new Problem(FILE, 3, 36, "a",
                "retry_policy.max_attempts", "must be a whole number, not a string (\"3\")"));
        assertThat(problemsOfPolicy("{\"max_attempts\": 3.0}")).isEmpty();
    }

    @Test
    void maxAttemptsPastTheLargestWholeNumberSaysTheUpperBoundItBroke() {
        assertThat(problemsOfPolicy("{\"max_attempts\": 2147483648}")).containsExactly(new Problem(FILE, 3, 36, "a",
                "retry_policy.max_attempts", "must be at most 2147483647, was 2147483648"));
        assertThat(problemsOfPolicy("{\"max_attempts\": 1e10}")).containsExactly(new Problem(FILE, 3, 36, "a",
                "retry_policy.max_attempts", "must be at most 2147483647, was 1e10"));
        assertThat(problemsOfPolicy("{\"max_attempts\": -99999999999}")).containsExactly(new Problem(FILE, 3, 36, "a",
                "retry_policy.max_attempts", "must be at least 1 (1 means no retry), was -99999999999"));
        assertThat(problemsOfPolicy("{\"max_attempts\": 2147483647}")).isEmpty();
    }

    @Test
    void strategyIsFixedOrExponential() {
        assertThat(problemsOfPolicy("{\"strategy\": \"exponental\"}")).containsExactly(new Problem(FILE, 3, 32, "a",
                "retry_policy.strategy", "unknown strategy 'exponental', did you mean 'exponential'?"));
        assertThat(problemsOfPolicy("{\"strategy\": \"linear\"}")).containsExactly(new Problem(FILE, 3, 32, "a",
                "retry_policy.strategy", "unknown strategy 'linear'; use \"fixed\" or \"exponential\""));
    }

    @Test
    void jitterIsAFractionBetweenZeroAndOneAndAMessageSaysWhichEndItPassed() {
        assertThat(problemsOfPolicy("{\"jitter\": 1.5}")).containsExactly(new Problem(FILE, 3, 30, "a",
                "retry_policy.jitter", "must be at most 1, was 1.5"));
        assertThat(problemsOfPolicy("{\"jitter\": -0.1}")).containsExactly(new Problem(FILE, 3, 30, "a",
                "retry_policy.jitter", "must be at least 0, was -0.1"));
    }

    @Test
    void backoffMultiplierMayNotShrinkTheWait() {
        assertThat(problemsOfPolicy("{\"backoff_multiplier\": 0.5}")).containsExactly(new Problem(FILE, 3, 42, "a",
                "retry_policy.backoff_multiplier",
                "must be at least 1 (a multiplier below 1 would shrink the wait between attempts), was 0.5"));
    }

    @Test
    void backoffMultiplierAboveTheSchemasMaximumSaysTheMaximum() {
        assertThat(problemsOfPolicy("{\"backoff_multiplier\": 1001}")).containsExactly(new Problem(FILE, 3, 42, "a",
                "retry_policy.backoff_multiplier", "must be at most 1000, was 1001"));
        assertThat(problemsOfPolicy("{\"backoff_multiplier\": 1e999}")).containsExactly(new Problem(FILE, 3, 42, "a",
                "retry_policy.backoff_multiplier", "must be at most 1000, was 1e999"));
    }

    @Test
    void backoffsAreNonNegativeSeconds() {
        assertThat(problemsOfPolicy("{\"initial_backoff_seconds\": -1}")).containsExactly(new Problem(FILE, 3, 47,
                "a", "retry_policy.initial_backoff_seconds", "must be at least 0, was -1"));
        assertThat(problemsOfPolicy("{\"max_backoff_seconds\": 2e9}")).containsExactly(new Problem(FILE, 3, 43,
                "a", "retry_policy.max_backoff_seconds", "must be at most 1000000000, was 2e9"));
    }

    @Test
    void maxBackoffBelowTheInitialBackoffIsReported() {
        assertThat(problemsOfPolicy("{\"initial_backoff_seconds\": 5, \"max_backoff_seconds\": 2}"))
                .containsExactly(new Problem(FILE, 3, 73, "a", "retry_policy.max_backoff_seconds",
                        "is less than initial_backoff_seconds, so no wait could ever be as long as the first"));
    }

    @Test
    void unknownRetryFieldSuggestsTheClosest() {
        assertThat(problemsOfPolicy("{\"max_attempt\": 2, \"retries\": 3}")).containsExactly(
                new Problem(FILE, 3, 20, "a", "retry_policy",
                        "unknown field 'max_attempt', did you mean 'max_attempts'?"),
                new Problem(FILE, 3, 38, "a", "retry_policy", "unknown field 'retries', did you mean 'max_attempts'?"));
    }

    @Test
    void retryPolicyMustBeAnObject() {
        assertThat(problemsOfPolicy("3")).containsExactly(
                new Problem(FILE, 3, 19, "a", "retry_policy", "must be an object, not a number (3)"));
    }

    @Test
    void defaultRetryPolicyIsCheckedToo() {
        List<Problem> problems = loader.check("""
                {"name": "x", "defaults": {"retry_policy": {"jitter": 2}},
                 "dag": {"nodes": [{"id": "a", "handler": "echo"}]}}""", FILE);

        assertThat(problems).containsExactly(new Problem(FILE, 1, 55, null, "defaults.retry_policy.jitter",
                "must be at most 1, was 2"));
    }
}
