package io.dagflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.embedded.EmbeddedEngine;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.validation.WorkflowLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A cancel reaches the work, and the history says what really happened. */
@Timeout(30)
class CancellationTest {

    private final HandlerRegistry handlers = new HandlerRegistry();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private EmbeddedEngine embedded;

    @AfterEach
    void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    private ExecutionHandle start(String definition, int workerThreads) throws Exception {
        handlers.register("block", ctx -> {
            started.add(ctx.nodeId());
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return Json.object();
        });
        handlers.register("finish-anyway", ctx -> {
            started.add(ctx.nodeId());
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Json.tree("{\"finished\": true}");
        });
        handlers.register("quick", ctx -> {
            started.add(ctx.nodeId());
            return Json.object();
        });
        WorkflowLoader loader = new WorkflowLoader();
        embedded = EmbeddedEngine.builder(handlers).workers(workerThreads)
                .definitionParser(source -> parse(loader, source)).build();
        return embedded.engine().start(parse(loader, definition), Json.object(), StartOptions.defaults());
    }

    private static io.dagflow.model.WorkflowDefinition parse(WorkflowLoader loader, String source) {
        try {
            return loader.parse(source, "test.json");
        } catch (io.dagflow.validation.InvalidWorkflowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private List<WorkflowEvent> events(String executionId) {
        return embedded.stores().events().read(executionId);
    }

    @Test
    void aCancelInterruptsTheRunningHandlerAndTheNodeIsRecordedCancelledByItsWorker() throws Exception {
        ExecutionHandle handle = start("""
                {"name": "cancel-running", "dag": {"nodes": [
                  {"id": "long", "handler": "block"},
                  {"id": "after", "handler": "quick", "dependencies": ["long"]}
                ]}}""", 2);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        handle.cancel("build aborted");
        ExecutionResult result = handle.await();

        assertThat(interrupted.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(result.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(result.error()).isEqualTo("build aborted");
        assertThat(result.nodes().get("long").status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(result.nodes().get("after").status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(started).containsExactly("long");
        WorkflowEvent cancelled = events(result.executionId()).stream()
                .filter(e -> e.type() == EventType.NODE_CANCELLED && "long".equals(e.nodeId())).findFirst()
                .orElseThrow();
        assertThat(cancelled.worker()).isEqualTo("embedded-worker");
        assertThat(cancelled.detail(EventFields.REASON)).isEqualTo("while its handler ran on embedded-worker");
        assertThat(events(result.executionId())).extracting(WorkflowEvent::type)
                .containsSubsequence(EventType.WORKFLOW_CANCEL_REQUESTED, EventType.NODE_CANCELLED,
                        EventType.WORKFLOW_CANCELLED);
    }

    @Test
    void aHandlerThatCompletesDespiteTheCancelIsRecordedCompletedAndItsDependantsCancelled() throws Exception {
        ExecutionHandle handle = start("""
                {"name": "cancel-finishing", "dag": {"nodes": [
                  {"id": "stubborn", "handler": "finish-anyway"},
                  {"id": "after", "handler": "quick", "dependencies": ["stubborn"]}
                ]}}""", 2);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        handle.cancel("stop");
        ExecutionResult result = handle.await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(result.nodes().get("stubborn").status()).isEqualTo(NodeStatus.COMPLETED);
        assertThat(result.nodes().get("stubborn").result()).isEqualTo(Json.tree("{\"finished\": true}"));
        assertThat(result.nodes().get("after").status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(started).doesNotContain("after");
    }

    @Test
    void queuedTasksOfACancelledExecutionNeverStart() throws Exception {
        StringBuilder nodes = new StringBuilder("{\"id\": \"n0\", \"handler\": \"block\"}");
        for (int i = 1; i < 20; i++) {
            nodes.append(", {\"id\": \"n").append(i).append("\", \"handler\": \"quick\"}");
        }
        // One worker thread: n0, dispatched first, holds it, so the other 19 tasks wait in the queue.
        ExecutionHandle handle = start("{\"name\": \"cancel-queued\", \"dag\": {\"nodes\": [" + nodes + "]}}", 1);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        handle.cancel("enough");
        ExecutionResult result = handle.await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(result.nodeCounts()).containsEntry(NodeStatus.CANCELLED, 20);
        assertThat(started).containsExactly("n0");
        assertThat(events(result.executionId())).filteredOn(e -> e.type() == EventType.NODE_CANCELLED)
                .filteredOn(e -> !"n0".equals(e.nodeId()))
                .allSatisfy(e -> assertThat(e.detail(EventFields.REASON)).isEqualTo("before a worker started it"));
    }

    @Test
    void aCancelOfAnExecutionWhoseNodesAllWaitEndsAtOnce() throws Exception {
        ExecutionHandle handle = start("""
                {"name": "cancel-before", "dag": {"nodes": [
                  {"id": "first", "handler": "block"},
                  {"id": "second", "handler": "quick", "dependencies": ["first"]}
                ]}}""", 1);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        handle.cancel("one");
        handle.cancel("two");

        ExecutionResult result = handle.await();

        assertThat(result.error()).isEqualTo("one");
        assertThat(events(result.executionId())).filteredOn(e -> e.type() == EventType.WORKFLOW_CANCEL_REQUESTED)
                .hasSize(1);
    }
}
