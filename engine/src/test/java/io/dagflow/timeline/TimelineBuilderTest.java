package io.dagflow.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TimelineBuilderTest {

    private static final String CHAIN = WorkflowText.named("etl")
            .node("extract", "http")
            .node("transform", "script", "extract")
            .node("load", "sql", "transform")
            .text();

    private static Map<String, TimelineNode> byId(Timeline timeline) {
        return timeline.nodes().stream().collect(Collectors.toMap(TimelineNode::id, Function.identity()));
    }

    @Test
    void aCompletedChainShowsEveryAttemptWithItsTimesAndWorker() {
        List<WorkflowEvent> events = ExecutionEvents.started("e1", CHAIN, 1_000)
                .ran("extract", 1_010, 1_500, "w-1")
                .ran("transform", 1_510, 2_000, "w-2")
                .ran("load", 2_010, 3_000, "w-1")
                .workflowCompleted(3_005)
                .list();

        Timeline timeline = TimelineBuilder.from(events);

        assertThat(timeline.executionId()).isEqualTo("e1");
        assertThat(timeline.workflowName()).isEqualTo("etl");
        assertThat(timeline.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(timeline.startedAt()).isEqualTo(1_000);
        assertThat(timeline.endedAt()).isEqualTo(3_005);
        assertThat(timeline.durationMs()).isEqualTo(2_005);
        assertThat(timeline.nodes()).extracting(TimelineNode::id).containsExactly("extract", "transform", "load");
        TimelineNode transform = byId(timeline).get("transform");
        assertThat(transform.handler()).isEqualTo("script");
        assertThat(transform.dependencies()).containsExactly("extract");
        assertThat(transform.status()).isEqualTo(NodeStatus.COMPLETED);
        assertThat(transform.firstAt()).isEqualTo(1_510);
        assertThat(transform.endedAt()).isEqualTo(2_000);
        assertThat(transform.attempts()).containsExactly(new TimelineAttempt(1, "default", 1_510L, 1_511L, 2_000L,
                "w-2", AttemptOutcome.COMPLETED, null, null, null, List.of()));
        assertThat(timeline.criticalPath()).containsExactly("extract", "transform", "load");
        assertThat(timeline.nodes()).allMatch(TimelineNode::critical);
    }

    @Test
    void aRetriedNodeKeepsTheFailedAttemptWithItsErrorAndBackoff() {
        List<WorkflowEvent> events = ExecutionEvents.started("e1", CHAIN, 1_000)
                .dispatched("extract", 1, 1_010).startedOn("extract", 1, 1_020, "w-1")
                .retry("extract", 1, 1_100, "HTTP 503 from service", 1_000)
                .dispatched("extract", 2, 2_100).startedOn("extract", 2, 2_110, "w-2")
                .completed("extract", 2, 2_300, "w-2")
                .list();

        TimelineNode extract = byId(TimelineBuilder.from(events)).get("extract");

        assertThat(extract.status()).isEqualTo(NodeStatus.COMPLETED);
        assertThat(extract.attempts()).extracting(TimelineAttempt::outcome)
                .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.COMPLETED);
        TimelineAttempt first = extract.attempts().get(0);
        assertThat(first.error()).isEqualTo("HTTP 503 from service");
        assertThat(first.retryBackoffMs()).isEqualTo(1_000);
        assertThat(first.endedAt()).isEqualTo(1_100);
        assertThat(first.worker()).isEqualTo("w-1");
        assertThat(extract.attempts().get(1).worker()).isEqualTo("w-2");
        assertThat(extract.firstAt()).isEqualTo(1_010);
    }

    @Test
    void aTimedOutAttemptStaysTimedOutWhenTheNodeThenFailsAndBlocksItsDependents() {
        List<WorkflowEvent> events = ExecutionEvents.started("e1", CHAIN, 1_000)
                .ran("extract", 1_010, 1_500, "w-1")
                .dispatched("transform", 1, 1_510).startedOn("transform", 1, 1_520, "w-1")
                .timedOut("transform", 1, 6_520, 5_000)
                .failed("transform", 1, 6_521, "timed out after 5000 ms (attempt 1 of 1)")
                .blocked("load", 6_522, "transform")
                .workflowFailed(6_523, "node 'transform' failed")
                .list();

        Timeline timeline = TimelineBuilder.from(events);

        assertThat(timeline.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(timeline.reason()).isEqualTo("node 'transform' failed");
        TimelineNode transform = byId(timeline).get("transform");
        assertThat(transform.status()).isEqualTo(NodeStatus.FAILED);
        assertThat(transform.error()).isEqualTo("timed out after 5000 ms (attempt 1 of 1)");
        TimelineAttempt attempt = transform.attempts().get(0);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.TIMED_OUT);
        assertThat(attempt.timeoutMs()).isEqualTo(5_000);
        assertThat(attempt.endedAt()).isEqualTo(6_520);
        TimelineNode load = byId(timeline).get("load");
        assertThat(load.status()).isEqualTo(NodeStatus.BLOCKED);
        assertThat(load.blockedBy()).isEqualTo("transform");
        assertThat(load.attempts()).isEmpty();
        assertThat(timeline.criticalPath()).containsExactly("extract", "transform");
    }

    @Test
    void aRunningExecutionShowsItsRunningAttemptUpToTheGivenTime() {
        List<WorkflowEvent> events = ExecutionEvents.started("e1", CHAIN, 1_000)
                .ran("extract", 1_010, 1_500, "w-1")
                .dispatched("transform", 1, 1_510).startedOn("transform", 1, 1_520, "w-3")
                .list();

        Timeline timeline = TimelineBuilder.from(events, 9_000);

        assertThat(timeline.status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(timeline.endedAt()).isNull();
        assertThat(timeline.observedAt()).isEqualTo(9_000);
        assertThat(timeline.durationMs()).isEqualTo(8_000);
        TimelineNode transform = byId(timeline).get("transform");
        assertThat(transform.status()).isEqualTo(NodeStatus.RUNNING);
        assertThat(transform.attempts().get(0).outcome()).isEqualTo(AttemptOutcome.RUNNING);
        assertThat(transform.attempts().get(0).endedAt()).isNull();
        assertThat(transform.durationMillis(timeline.observedAt())).isEqualTo(7_490);
        assertThat(byId(timeline).get("load").status()).isEqualTo(NodeStatus.PENDING);
        assertThat(timeline.criticalPath()).containsExactly("extract", "transform");
        assertThat(TimelineBuilder.from(events).observedAt()).isEqualTo(1_520);
    }

    @Test
    void aRetryWaitingForItsBackoffLeavesTheNodePending() {
        List<WorkflowEvent> events = ExecutionEvents.started("e1", CHAIN, 1_000)
                .dispatched("extract", 1, 1_010).startedOn("extract", 1, 1_020, "w-1")
                .retry("extract", 1, 1_100, "connection reset", 2_000)
                .list();

        TimelineNode extract = byId(TimelineBuilder.from(events, 1_500)).get("extract");

        assertThat(extract.status()).isEqualTo(NodeStatus.PENDING);
        assertThat(extract.error()).isEqualTo("connection reset");
        assertThat(extract.attempts()).singleElement().extracting(TimelineAttempt::outcome).isEqualTo(AttemptOutcome.FAILED);
    }

    @Test
    void reusedNodesCarryTheExecutionAndAttemptTheirResultCameFrom() {
        List<WorkflowEvent> events = ExecutionEvents.startedAsRerun("e2", CHAIN, 5_000, "e1")
                .reused("extract", 5_001, "e1", 2)
                .ran("transform", 5_010, 5_200, "w-1")
                .ran("load", 5_210, 5_400, "w-1")
                .workflowCompleted(5_401)
                .list();

        Timeline timeline = TimelineBuilder.from(events);

        assertThat(timeline.rerunOf()).isEqualTo("e1");
        TimelineNode extract = byId(timeline).get("extract");
        assertThat(extract.reused()).isTrue();
        assertThat(extract.reusedFrom()).isEqualTo("e1");
        assertThat(extract.reusedFromAttempt()).isEqualTo(2);
        assertThat(extract.status()).isEqualTo(NodeStatus.COMPLETED);
        assertThat(extract.attempts()).isEmpty();
        assertThat(extract.endedAt()).isEqualTo(5_001);
        assertThat(byId(timeline).get("transform").reused()).isFalse();
        assertThat(timeline.nodes()).extracting(TimelineNode::id).containsExactly("extract", "transform", "load");
        assertThat(timeline.criticalPath()).as("a reused node took no time of this execution")
                .containsExactly("transform", "load");
    }

    @Test
    void cancellingEndsRunningAttemptsAndNodesThatNeverRan() {
        List<WorkflowEvent> events = ExecutionEvents.started("e1", CHAIN, 1_000)
                .ran("extract", 1_010, 1_500, "w-1")
                .dispatched("transform", 1, 1_510).startedOn("transform", 1, 1_520, "w-1")
                .cancelled("transform", 1, 2_000)
                .cancelled("load", 0, 2_000)
                .workflowCancelled(2_001, "cancelled by alice")
                .list();

        Timeline timeline = TimelineBuilder.from(events);

        assertThat(timeline.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(timeline.reason()).isEqualTo("cancelled by alice");
        TimelineNode transform = byId(timeline).get("transform");
        assertThat(transform.status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(transform.attempts().get(0).outcome()).isEqualTo(AttemptOutcome.CANCELLED);
        assertThat(transform.attempts().get(0).endedAt()).isEqualTo(2_000);
        assertThat(byId(timeline).get("load").status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(byId(timeline).get("load").attempts()).isEmpty();
    }

    @Test
    void theCriticalPathFollowsTheDependencyThatFinishedLast() {
        String diamond = WorkflowText.named("diamond")
                .node("start", "noop")
                .node("quick", "noop", "start")
                .node("slow", "noop", "start")
                .node("side", "noop")
                .node("join", "noop", "quick", "slow")
                .text();
        List<WorkflowEvent> events = ExecutionEvents.started("e1", diamond, 0)
                .ran("start", 10, 100, "w")
                .ran("side", 10, 900, "w")
                .ran("quick", 110, 200, "w")
                .ran("slow", 110, 1_000, "w")
                .ran("join", 1_010, 1_100, "w")
                .workflowCompleted(1_101)
                .list();

        Timeline timeline = TimelineBuilder.from(events);

        assertThat(timeline.criticalPath()).containsExactly("start", "slow", "join");
        assertThat(timeline.nodes()).filteredOn(TimelineNode::critical).extracting(TimelineNode::id)
                .containsExactlyInAnyOrder("start", "slow", "join");
    }

    @Test
    void nodesAreListedInStartOrderWithNodesThatNeverRanLastInDefinitionOrder() {
        String wide = WorkflowText.named("wide")
                .node("a", "noop").node("b", "noop").node("c", "noop").node("d", "noop", "c").node("e", "noop", "d")
                .text();
        List<WorkflowEvent> events = ExecutionEvents.started("e1", wide, 0)
                .dispatched("c", 1, 5).dispatched("a", 1, 7).dispatched("b", 1, 6)
                .list();

        assertThat(TimelineBuilder.from(events).nodes()).extracting(TimelineNode::id)
                .containsExactly("c", "b", "a", "d", "e");
    }

    @Test
    void eventsGivenOutOfOrderAreFoldedInSequenceOrder() {
        List<WorkflowEvent> events = new ArrayList<>(ExecutionEvents.started("e1", CHAIN, 1_000)
                .dispatched("extract", 1, 1_010)
                .retry("extract", 1, 1_100, "boom", 10)
                .dispatched("extract", 2, 1_200)
                .completed("extract", 2, 1_300, "w")
                .list());
        Collections.reverse(events);

        TimelineNode extract = byId(TimelineBuilder.from(events)).get("extract");

        assertThat(extract.status()).isEqualTo(NodeStatus.COMPLETED);
        assertThat(extract.attempts()).extracting(TimelineAttempt::outcome)
                .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.COMPLETED);
    }

    @Test
    void eventsThatDoNotBeginWithTheWorkflowStartAreRefused() {
        List<WorkflowEvent> events = ExecutionEvents.started("e1", CHAIN, 1_000).ran("extract", 1, 2, "w").list();

        assertThatThrownBy(() -> TimelineBuilder.from(events.subList(1, events.size())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e1").hasMessageContaining("NODE_DISPATCHED").hasMessageContaining("WORKFLOW_STARTED");
        assertThatThrownBy(() -> TimelineBuilder.from(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no events");
    }

    @Test
    void anEventForANodeTheDefinitionDoesNotHaveIsReportedWithItsSequence() {
        List<WorkflowEvent> events = ExecutionEvents.started("e1", CHAIN, 1_000).ran("ghost", 1, 2, "w").list();

        assertThatThrownBy(() -> TimelineBuilder.from(events))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event 2").hasMessageContaining("'ghost'");
    }

    @Test
    void aStartWithoutAUsableDefinitionIsReportedForItsExecution() {
        List<WorkflowEvent> events = ExecutionEvents.started("e1",
                "{\"name\":\"x\",\"dag\":{\"nodes\":[{\"handler\":\"h\"}]}}", 0).list();

        assertThatThrownBy(() -> TimelineBuilder.from(events))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("execution e1").hasMessageContaining("id");
    }

    @Test
    void thousandsOfNodesWithRetriesAreFoldedWithTheRightCriticalPath() {
        int layers = 50;
        int width = 60;
        WorkflowText text = WorkflowText.named("big");
        for (int layer = 0; layer < layers; layer++) {
            for (int i = 0; i < width; i++) {
                if (layer == 0) {
                    text.node(id(layer, i), "noop");
                } else {
                    text.node(id(layer, i), "noop", id(layer - 1, i), id(layer - 1, (i + 1) % width));
                }
            }
        }
        ExecutionEvents log = ExecutionEvents.started("big-1", text.text(), 0);
        for (int layer = 0; layer < layers; layer++) {
            long layerStart = layer * 100L + 1;
            for (int i = 0; i < width; i++) {
                long end = layerStart + (i == 7 ? 90 : 50);
                if (i % 10 == 3) {
                    log.dispatched(id(layer, i), 1, layerStart).retry(id(layer, i), 1, layerStart + 5, "flaky", 0)
                            .dispatched(id(layer, i), 2, layerStart + 6).completed(id(layer, i), 2, end, "w");
                } else {
                    log.ran(id(layer, i), layerStart, end, "w");
                }
            }
        }
        List<WorkflowEvent> events = log.workflowCompleted(layers * 100L).list();

        Timeline timeline = TimelineBuilder.from(events);

        assertThat(timeline.nodes()).hasSize(layers * width);
        assertThat(timeline.nodes()).allMatch(n -> n.status() == NodeStatus.COMPLETED);
        assertThat(timeline.criticalPath()).hasSize(layers);
        // node 7 of each layer ends last; the last layer's node 6 depends on 6 and 7, node 7 on 7 and 8.
        assertThat(timeline.criticalPath().get(layers - 1)).isEqualTo(id(layers - 1, 7));
        assertThat(timeline.criticalPath()).allMatch(id -> id.endsWith("-7"));
    }

    private static String id(int layer, int index) {
        return "n" + layer + "-" + index;
    }

    @Test
    void givenAnExecutionResumedAfterItsOrchestratorStoppedWhenFoldedThenTheTimelineKeepsTheStopAndTheResume() {
        Timeline timeline = TimelineBuilder.from(SampleExecutions.resumedAfterACrash());

        assertThat(timeline.resumes()).containsExactly(new TimelineResume(SampleExecutions.T0 + 60_000,
                SampleExecutions.T0 + 1_500, "orchestrator-1", "orchestrator-1"));
        assertThat(timeline.resumes().get(0).gapMillis()).isEqualTo(58_500);
        assertThat(timeline.status()).isEqualTo(WorkflowStatus.COMPLETED);
        JsonNode json = Json.toTree(timeline);
        assertThat(json.path("resumes").get(0).path("last_event_at").asLong()).isEqualTo(SampleExecutions.T0 + 1_500);
        assertThat(json.path("resumes").get(0).path("previous_owner").asText()).isEqualTo("orchestrator-1");
        assertThat(Json.read(Json.write(timeline), Timeline.class)).isEqualTo(timeline);
    }

    @Test
    void givenACancelledExecutionWhenFoldedThenTheTimelineKeepsWhenTheCancelWasAskedAndWhenEachNodeStopped() {
        Timeline timeline = TimelineBuilder.from(SampleExecutions.cancelledWhileTransformRan());

        assertThat(timeline.cancelRequested()).isEqualTo(new TimelineCancel(SampleExecutions.T0 + 5_000,
                "the build was stopped", false));
        assertThat(byId(timeline).get("transform").attempts().get(0).endedAt()).isEqualTo(SampleExecutions.T0 + 5_300);
        assertThat(byId(timeline).get("transform").status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(timeline.unservedQueues()).containsExactly(
                new TimelineUnservedQueue(SampleExecutions.T0 + 1_020, "gpu", java.util.List.of("transform")));
        assertThat(Json.toTree(timeline).path("cancel_requested").path("at").asLong())
                .isEqualTo(SampleExecutions.T0 + 5_000);
        assertThat(Json.read(Json.write(timeline), Timeline.class)).isEqualTo(timeline);
        assertThat(Json.toTree(TimelineBuilder.from(SampleExecutions.resumedAfterACrash())).has("cancel_requested"))
                .isFalse();
    }

    @Test
    void givenAnAttemptStartedAgainAfterItsRunWasLostWhenFoldedThenItKeepsTheRestartAndRunsFromIt() {
        Timeline timeline = TimelineBuilder.from(SampleExecutions.resumedAndRestarted());

        TimelineAttempt transform = byId(timeline).get("transform").attempts().get(0);
        assertThat(byId(timeline).get("transform").attempts()).hasSize(1);
        assertThat(transform.startedAt()).isEqualTo(SampleExecutions.T0 + 1_500);
        assertThat(transform.restarts()).containsExactly(
                new TimelineRestart(SampleExecutions.T0 + 60_100, "worker-b", "worker-a"));
        assertThat(transform.lastStartedAt()).isEqualTo(SampleExecutions.T0 + 60_100);
        assertThat(transform.worker()).isEqualTo("worker-b");
        assertThat(transform.durationMillis(0)).isEqualTo(25_000);
        JsonNode json = Json.toTree(timeline);
        JsonNode restart = json.path("nodes").get(1).path("attempts").get(0).path("restarts").get(0);
        assertThat(restart.path("previous_worker").asText()).isEqualTo("worker-a");
        assertThat(json.path("nodes").get(0).path("attempts").get(0).has("restarts")).isFalse();
        assertThat(Json.read(Json.write(timeline), Timeline.class)).isEqualTo(timeline);
    }

    @Test
    void theJsonFormIsSnakeCaseWithoutAbsentFieldsAndReadsBack() {
        List<WorkflowEvent> events = ExecutionEvents.started("e1", CHAIN, 1_000)
                .dispatched("extract", 1, 1_010).startedOn("extract", 1, 1_020, "w-1")
                .retry("extract", 1, 1_100, "boom", 500)
                .list();
        Timeline timeline = TimelineBuilder.from(events, 2_000);

        JsonNode json = Json.toTree(timeline);

        assertThat(json.get("format_version").asInt()).isEqualTo(1);
        assertThat(json.get("execution_id").asText()).isEqualTo("e1");
        assertThat(json.get("observed_at").asLong()).isEqualTo(2_000);
        assertThat(json.has("ended_at")).isFalse();
        assertThat(json.has("resumes")).isFalse();
        assertThat(json.get("critical_path").isArray()).isTrue();
        JsonNode attempt = json.get("nodes").get(0).get("attempts").get(0);
        assertThat(attempt.get("dispatched_at").asLong()).isEqualTo(1_010);
        assertThat(attempt.get("retry_backoff_ms").asLong()).isEqualTo(500);
        assertThat(attempt.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(Json.read(Json.write(timeline), Timeline.class)).isEqualTo(timeline);
    }
}
