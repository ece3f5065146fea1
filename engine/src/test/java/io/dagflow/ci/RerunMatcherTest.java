package io.dagflow.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.model.WorkflowStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class RerunMatcherTest {

    private final List<OriginalExecution> originals = List.of(
            new OriginalExecution("build", "e1"),
            new OriginalExecution("deploy", "e2"),
            new OriginalExecution("build", "e3"));

    @Test
    void theNthCallOfAWorkflowRerunsItsNthExecution() {
        assertThat(RerunMatcher.match(originals, "build", 0)).hasValue(originals.get(0));
        assertThat(RerunMatcher.match(originals, "build", 1)).hasValue(originals.get(2));
        assertThat(RerunMatcher.match(originals, "deploy", 0)).hasValue(originals.get(1));
    }

    @Test
    void aCallWithoutCounterpartStartsAfresh() {
        assertThat(RerunMatcher.match(originals, "build", 2)).isEmpty();
        assertThat(RerunMatcher.match(originals, "cleanup", 0)).isEmpty();
    }

    @Test
    void onlyFailedOrCancelledBuildsAreWorthRerunning() {
        assertThat(RerunMatcher.worthRerunning(List.of(WorkflowStatus.COMPLETED, WorkflowStatus.FAILED))).isTrue();
        assertThat(RerunMatcher.worthRerunning(List.of(WorkflowStatus.CANCELLED))).isTrue();
        assertThat(RerunMatcher.worthRerunning(List.of(WorkflowStatus.COMPLETED, WorkflowStatus.RUNNING))).isFalse();
        assertThat(RerunMatcher.worthRerunning(List.of())).isFalse();
    }
}
