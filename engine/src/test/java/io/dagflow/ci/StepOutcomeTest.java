package io.dagflow.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagflow.model.WorkflowStatus;
import io.dagflow.report.ExecutionSummary;
import io.dagflow.report.Results;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepOutcomeTest {

    @Test
    void aCompletedExecutionReturnsItsOutputsAsPlainValues() {
        StepOutcome outcome = StepOutcome.decide(new Results().completed("a")
                .outputs("{\"report\": {\"count\": 2}}").ended(WorkflowStatus.COMPLETED, null), true);

        assertThat(outcome).isEqualTo(new StepOutcome.Return(Map.of("report", Map.of("count", 2)), null));
    }

    @Test
    void aFailedExecutionFailsTheStepWithItsSummary() {
        StepOutcome outcome = StepOutcome.decide(new Results().failed("a", 1, "boom").blocked("b", "a")
                .ended(WorkflowStatus.FAILED, "1 node(s) failed"), true);

        assertThat(outcome).isInstanceOf(StepOutcome.Fail.class);
        assertThat(((StepOutcome.Fail) outcome).summary())
                .isEqualTo(ExecutionSummary.failure(new Results().failed("a", 1, "boom").blocked("b", "a")
                        .ended(WorkflowStatus.FAILED, "1 node(s) failed")))
                .contains("a after 1 attempt: boom").contains("b (by a)");
    }

    @Test
    void withoutFailOnErrorAFailedExecutionReturnsWithAWarning() {
        StepOutcome outcome = StepOutcome.decide(new Results().failed("a", 1, "boom")
                .ended(WorkflowStatus.FAILED, "1 node(s) failed"), false);

        assertThat(outcome).isInstanceOf(StepOutcome.Return.class);
        StepOutcome.Return returned = (StepOutcome.Return) outcome;
        assertThat(returned.outputs()).isEmpty();
        assertThat(returned.warning()).startsWith("workflow 'deploy' (exec-1) FAILED");
    }

    @Test
    void aCancelledExecutionIsAFailureToo() {
        StepOutcome outcome = StepOutcome.decide(new Results().cancelled("a")
                .ended(WorkflowStatus.CANCELLED, "stopped"), true);

        assertThat(outcome).isInstanceOf(StepOutcome.Fail.class);
    }

    @Test
    void anExecutionThatHasNotEndedHasNoOutcome() {
        assertThatThrownBy(() -> StepOutcome.decide(new Results().ended(WorkflowStatus.RUNNING, null), true))
                .hasMessage("execution exec-1 has not ended");
    }
}
