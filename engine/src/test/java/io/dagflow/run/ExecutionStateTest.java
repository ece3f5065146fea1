package io.dagflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.timeline.ExecutionEvents;
import io.dagflow.timeline.WorkflowText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a node's result says of the time its attempts took, folded from the events. */
class ExecutionStateTest {

    private static final WorkflowText ONE_NODE = WorkflowText.named("w").node("work", "http");

    private static NodeResult nodeAfter(List<WorkflowEvent> events) {
        WorkflowDefinition definition = ONE_NODE.definition();
        ExecutionState state = ExecutionState.replay(events, source -> definition);
        return state.nodeResult(0, null);
    }

    @Test
    void givenAttemptsThatWaitedForAWorkerWhenTheNodeEndsThenItsDurationIsTheirRunTimeAndTheWaitIsApart() {
        NodeResult work = nodeAfter(ExecutionEvents.started("e1", ONE_NODE.text(), 0)
                .dispatched("work", 1, 0).startedOn("work", 1, 1_000, "w").retry("work", 1, 3_000, "boom", 1_000)
                .dispatched("work", 2, 4_000).startedOn("work", 2, 4_500, "w").completed("work", 2, 6_000, "w")
                .workflowCompleted(6_001).list());

        assertThat(work.attempts()).isEqualTo(2);
        assertThat(work.durationMillis()).as("2 s and 1.5 s of running, not the last attempt's 2 s").isEqualTo(3_500);
        assertThat(work.queuedMillis()).as("1 s and 0.5 s waiting for a worker").isEqualTo(1_500);
    }

    @Test
    void givenAnAttemptThatTimedOutAndFailedWhenTheNodeEndsThenItsRunIsCountedOnce() {
        NodeResult work = nodeAfter(ExecutionEvents.started("e1", ONE_NODE.text(), 0)
                .dispatched("work", 1, 0).startedOn("work", 1, 200, "w").timedOut("work", 1, 3_200, 3_000)
                .failed("work", 1, 3_201, "timed out").workflowFailed(3_202, "work failed").list());

        assertThat(work.durationMillis()).isEqualTo(3_000);
        assertThat(work.queuedMillis()).isEqualTo(200);
    }

    @Test
    void givenAnAttemptThatStartedAgainWhenTheNodeEndsThenOnlyTheRunFromItsLastStartCounts() {
        NodeResult work = nodeAfter(ExecutionEvents.started("e1", ONE_NODE.text(), 0)
                .dispatched("work", 1, 0).startedOn("work", 1, 100, "worker-a")
                .restartedOn("work", 1, 30_100, "worker-b", "worker-a").completed("work", 1, 55_100, "worker-b")
                .workflowCompleted(55_101).list());

        assertThat(work.durationMillis()).isEqualTo(25_000);
        assertThat(work.queuedMillis()).isEqualTo(100);
    }

    @Test
    void givenAnAttemptCancelledBeforeAWorkerTookItWhenTheNodeEndsThenItsWholeLifeWasQueued() {
        NodeResult work = nodeAfter(ExecutionEvents.started("e1", ONE_NODE.text(), 0)
                .dispatched("work", 1, 100).cancelled("work", 1, 2_100).workflowCancelled(2_101, "stop").list());

        assertThat(work.durationMillis()).isZero();
        assertThat(work.queuedMillis()).isEqualTo(2_000);
    }

    @Test
    void givenAnAttemptCancelledWhileItRanWhenTheNodeEndsThenItRanUntilTheCancel() {
        NodeResult work = nodeAfter(ExecutionEvents.started("e1", ONE_NODE.text(), 0)
                .dispatched("work", 1, 0).startedOn("work", 1, 50, "w").cancelled("work", 1, 1_050)
                .workflowCancelled(1_051, "stop").list());

        assertThat(work.durationMillis()).isEqualTo(1_000);
        assertThat(work.queuedMillis()).isEqualTo(50);
    }
}
