package io.dagflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.store.Stores;
import io.dagflow.transport.InMemoryTransport;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ResumeTest {

    @Test
    void anotherOrchestratorResumesAnExecutionWithoutRerunningCompletedNodes() throws Exception {
        Stores stores = Stores.inMemory();
        InMemoryTransport transport = new InMemoryTransport();
        AtomicInteger firstRuns = new AtomicInteger();
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        HandlerRegistry handlers = new HandlerRegistry()
                .register("first", ctx -> {
                    firstRuns.incrementAndGet();
                    return Json.tree("{\"n\": 1}");
                })
                .register("slow", ctx -> {
                    slowStarted.countDown();
                    releaseSlow.await(10, TimeUnit.SECONDS);
                    return Json.tree("{\"n\": 2}");
                })
                .register("echo", ctx -> ctx.config());
        WorkflowDefinition definition = Workflows.named("resumable")
                .node("first", "first")
                .node("slow", "slow", "first")
                .configured("last", "echo", "{\"sum\": \"{{first.n}}+{{slow.n}}\"}", "slow")
                .build();
        Worker worker = new Worker(WorkerOptions.inMemory("w1", 2), transport, stores.results(),
                stores.idempotency(), handlers).start();
        WorkflowEngine crashed = WorkflowEngine.builder(transport, stores).orchestratorId("jenkins-1").build();
        String executionId = crashed.start(definition, Json.object(), StartOptions.defaults()).executionId();
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        crashed.close();
        releaseSlow.countDown();
        WorkflowEngine successor = WorkflowEngine.builder(transport, stores).orchestratorId("jenkins-1")
                .definitionParser(source -> definition).build();
        ExecutionResult result = successor.resume(executionId, List.of()).await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(firstRuns).hasValue(1);
        assertThat(result.nodes().get("last").result()).isEqualTo(Json.tree("{\"sum\": \"1+2\"}"));
        assertThat(result.nodes().get("first").status()).isEqualTo(NodeStatus.COMPLETED);
        successor.close();
        worker.close();
    }

    @Test
    void givenAnOrchestratorThatStoppedMidwayWhenAnotherResumesTheExecutionThenItsEventsRecordTheResume()
            throws Exception {
        Stores stores = Stores.inMemory();
        InMemoryTransport transport = new InMemoryTransport();
        CountDownLatch startRecorded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HandlerRegistry handlers = new HandlerRegistry().register("gate", ctx -> {
            release.await(10, TimeUnit.SECONDS);
            return Json.object();
        });
        WorkflowDefinition definition = Workflows.named("resumed").node("gate", "gate").build();
        try (Worker worker = new Worker(WorkerOptions.inMemory("w1", 1), transport, stores.results(),
                stores.idempotency(), handlers).start()) {
            WorkflowEngine stopped = WorkflowEngine.builder(transport, stores).orchestratorId("orchestrator-1").build();
            String executionId = stopped.start(definition, Json.object(), StartOptions.defaults().withListener(event -> {
                if (event.type() == EventType.NODE_STARTED) {
                    startRecorded.countDown();
                }
            })).executionId();
            assertThat(startRecorded.await(10, TimeUnit.SECONDS)).isTrue();
            stopped.close();
            List<WorkflowEvent> before = stores.events().read(executionId);

            ExecutionResult result;
            try (WorkflowEngine successor = WorkflowEngine.builder(transport, stores).orchestratorId("orchestrator-1")
                    .definitionParser(source -> definition).build()) {
                ExecutionHandle resumed = successor.resume(executionId, List.of());
                release.countDown();
                result = resumed.await();
            }

            assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
            List<WorkflowEvent> events = stores.events().read(executionId);
            WorkflowEvent resume = events.get(before.size());
            assertThat(resume.type()).isEqualTo(EventType.WORKFLOW_RESUMED);
            assertThat(resume.detail(EventFields.PREVIOUS_OWNER)).isEqualTo("orchestrator-1");
            assertThat(resume.detail(EventFields.ORCHESTRATOR)).isEqualTo("orchestrator-1");
            assertThat(resume.details().path(EventFields.LAST_EVENT_AT).asLong())
                    .isEqualTo(before.get(before.size() - 1).time());
            assertThat(events).filteredOn(e -> e.type() == EventType.WORKFLOW_RESUMED).hasSize(1);
            assertThat(events).as("the worker's run went on: nothing started again")
                    .noneMatch(e -> e.type() == EventType.NODE_RESTARTED);
        }
    }

    @Test
    void resumingAFinishedExecutionReturnsItsOutcomeWithoutRunningAnything() throws Exception {
        Stores stores = Stores.inMemory();
        InMemoryTransport transport = new InMemoryTransport();
        AtomicInteger runs = new AtomicInteger();
        HandlerRegistry handlers = new HandlerRegistry().register("count", ctx -> {
            runs.incrementAndGet();
            return Json.object();
        });
        WorkflowDefinition definition = Workflows.named("done").node("only", "count").build();
        try (Worker worker = new Worker(WorkerOptions.inMemory("w", 1), transport, stores.results(),
                        stores.idempotency(), handlers).start();
                WorkflowEngine engine = WorkflowEngine.builder(transport, stores)
                        .definitionParser(source -> definition).build()) {
            String id = engine.start(definition, Json.object(), StartOptions.defaults()).await().executionId();

            ExecutionResult again = engine.resume(id, List.of()).await();

            assertThat(again.status()).isEqualTo(WorkflowStatus.COMPLETED);
            assertThat(runs).hasValue(1);
        }
    }
}
