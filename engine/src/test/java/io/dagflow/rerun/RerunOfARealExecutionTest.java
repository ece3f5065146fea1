package io.dagflow.rerun;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.embedded.EmbeddedEngine;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.store.Stores;
import io.dagflow.store.file.FileStores;
import io.dagflow.timeline.AttemptOutcome;
import io.dagflow.timeline.Timeline;
import io.dagflow.timeline.TimelineAttempt;
import io.dagflow.timeline.TimelineBuilder;
import io.dagflow.timeline.TimelineNode;
import io.dagflow.timeline.TimelineText;
import io.dagflow.validation.WorkflowLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs workflows on the embedded engine over file stores, then reads their events back into
 * timelines and plans reruns from them: the events the orchestrator writes are what the timeline
 * and the planner expect.
 */
@Timeout(60)
class RerunOfARealExecutionTest {

    private static final String SOURCE = """
            {
              "name": "orders",
              "dag": {
                "nodes": [
                  { "id": "fetch", "handler": "flaky",
                    "retry_policy": { "max_attempts": 3, "initial_backoff_seconds": 0.01 } },
                  { "id": "enrich", "handler": "copy", "dependencies": ["fetch"],
                    "config": { "rows": "{{fetch.rows}}" } },
                  { "id": "load", "handler": "fixable", "dependencies": ["enrich"],
                    "retry_policy": { "max_attempts": 1 } },
                  { "id": "notify", "handler": "copy", "dependencies": ["load"] },
                  { "id": "audit", "handler": "copy", "dependencies": ["fetch"] }
                ]
              }
            }
            """;

    @TempDir
    Path dir;

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean loadFixed = new AtomicBoolean();
    private Stores stores;
    private EmbeddedEngine embedded;
    private WorkflowDefinition definition;

    @BeforeEach
    void engine() throws Exception {
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.register("flaky", ctx -> {
            if (count(ctx.nodeId()) == 1) {
                throw HandlerException.retriable("first call always fails");
            }
            return Json.tree("{\"rows\": 7}");
        });
        handlers.register("copy", ctx -> {
            count(ctx.nodeId());
            return ctx.config();
        });
        handlers.register("fixable", ctx -> {
            count(ctx.nodeId());
            if (!loadFixed.get()) {
                throw HandlerException.permanent("table orders is locked");
            }
            return Json.tree("{\"loaded\": true}");
        });
        WorkflowLoader loader = new WorkflowLoader();
        definition = loader.parse(SOURCE, "orders.json");
        stores = FileStores.open(dir);
        embedded = EmbeddedEngine.builder(handlers).stores(stores).workers(2)
                .definitionParser(text -> {
                    try {
                        return loader.parse(text, "stored");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .build();
    }

    @AfterEach
    void close() {
        embedded.close();
    }

    private int count(String nodeId) {
        return calls.computeIfAbsent(nodeId, id -> new AtomicInteger()).incrementAndGet();
    }

    private int callsOf(String nodeId) {
        AtomicInteger count = calls.get(nodeId);
        return count == null ? 0 : count.get();
    }

    private static Map<String, TimelineNode> byId(Timeline timeline) {
        return timeline.nodes().stream().collect(Collectors.toMap(TimelineNode::id, Function.identity()));
    }

    private List<WorkflowEvent> eventsOf(String executionId) {
        // Read through a fresh store, as a CLI started later would.
        return FileStores.open(dir).events().read(executionId);
    }

    @Test
    void aFailedExecutionsTimelineShowsItsRetryFailureAndBlockedNodes() throws Exception {
        ExecutionResult first = embedded.engine().start(definition, Json.object(), StartOptions.defaults()).await();

        Timeline timeline = TimelineBuilder.from(eventsOf(first.executionId()));

        assertThat(timeline.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(timeline.workflowName()).isEqualTo("orders");
        Map<String, TimelineNode> nodes = byId(timeline);
        assertThat(nodes.get("fetch").attempts()).extracting(TimelineAttempt::outcome)
                .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.COMPLETED);
        assertThat(nodes.get("fetch").attempts().get(0).error()).contains("first call always fails");
        assertThat(nodes.get("fetch").attempts().get(0).retryBackoffMs()).isNotNull();
        assertThat(nodes.get("fetch").attempts()).allMatch(a -> a.worker() != null && a.startedAt() != null);
        assertThat(nodes.get("load").status()).isEqualTo(NodeStatus.FAILED);
        assertThat(nodes.get("load").error()).contains("table orders is locked");
        assertThat(nodes.get("notify").status()).isEqualTo(NodeStatus.BLOCKED);
        assertThat(nodes.get("notify").blockedBy()).isEqualTo("load");
        assertThat(nodes.get("audit").status()).isEqualTo(NodeStatus.COMPLETED);
        assertThat(timeline.criticalPath()).startsWith("fetch").endsWith("load");
        assertThat(TimelineText.render(timeline)).contains("blocked by load");
    }

    @Test
    void aRerunReusesWhatCompletedRunsTheRestAndCanBeRerunAgain() throws Exception {
        ExecutionResult first = embedded.engine().start(definition, Json.object(), StartOptions.defaults()).await();
        assertThat(first.status()).isEqualTo(WorkflowStatus.FAILED);
        loadFixed.set(true);

        RerunPlan plan = RerunPlanner.plan(definition, eventsOf(first.executionId()), stores.results(), Optional.empty());
        ExecutionResult second = embedded.engine()
                .start(definition, Json.object(), plan.applyTo(StartOptions.defaults())).await();

        assertThat(plan.reused()).containsOnlyKeys("fetch", "enrich", "audit");
        assertThat(plan.reused().get("fetch").fromAttempt()).isEqualTo(2);
        assertThat(plan.explanations()).containsExactly(
                "node 'load' runs again: it failed (table orders is locked)",
                "node 'notify' runs again: it was blocked by 'load'");
        assertThat(second.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(callsOf("fetch")).isEqualTo(2);
        assertThat(callsOf("enrich")).isEqualTo(1);
        Timeline rerun = TimelineBuilder.from(eventsOf(second.executionId()));
        assertThat(rerun.rerunOf()).isEqualTo(first.executionId());
        assertThat(byId(rerun).get("fetch").reusedFrom()).isEqualTo(first.executionId());
        assertThat(byId(rerun).get("fetch").reusedFromAttempt()).isEqualTo(2);
        assertThat(rerun.criticalPath()).containsExactly("load", "notify");

        RerunPlan fromEnrich = RerunPlanner.plan(definition, eventsOf(second.executionId()), stores.results(),
                Optional.of("enrich"));

        assertThat(fromEnrich.rerunOf()).isEqualTo(second.executionId());
        assertThat(fromEnrich.reused()).containsOnlyKeys("fetch", "audit");
        assertThat(fromEnrich.reused().get("fetch").fromExecution()).isEqualTo(first.executionId());
        assertThat(fromEnrich.reused().get("fetch").result()).isEqualTo(Json.tree("{\"rows\": 7}"));
        assertThat(fromEnrich.explanations()).containsExactly(
                "node 'enrich' runs again: the rerun starts from it",
                "node 'load' runs again: it is downstream of 'enrich', where the rerun starts",
                "node 'notify' runs again: it is downstream of 'enrich', where the rerun starts");
    }
}
