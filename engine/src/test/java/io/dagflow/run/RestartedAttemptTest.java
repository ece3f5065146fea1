package io.dagflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.store.Stores;
import io.dagflow.timeline.TimelineAttempt;
import io.dagflow.timeline.TimelineBuilder;
import io.dagflow.timeline.TimelineRestart;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.InMemoryTransport;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The orchestrator facing an attempt whose task was delivered again and started anew: the test
 * plays the workers, with the messages of docs/protocol.md, so that it chooses when each says
 * it started.
 */
@Timeout(30)
class RestartedAttemptTest {

    private final InMemoryTransport transport = new InMemoryTransport();
    private final Stores stores = Stores.inMemory();
    private final WorkflowEngine engine = WorkflowEngine.builder(transport, stores).orchestratorId("orchestrator")
            .build();

    @AfterEach
    void close() {
        engine.close();
        transport.close();
    }

    private ExecutionHandle start(WorkflowDefinition definition) {
        return engine.start(definition, Json.object(), StartOptions.defaults());
    }

    private TaskMessage nextTask() throws InterruptedException {
        List<Delivery<TaskMessage>> tasks = transport.receiveTasks("test-worker", List.of("default"), 1,
                Duration.ofSeconds(10));
        assertThat(tasks).as("a task within 10 s").hasSize(1);
        return tasks.get(0).message();
    }

    private List<WorkflowEvent> eventsOf(String executionId, String nodeId) {
        return stores.events().read(executionId).stream().filter(e -> nodeId.equals(e.nodeId())).toList();
    }

    @Test
    void givenARunningAttemptWhenAnotherWorkerReportsStartingItLaterThenTheRestartIsRecordedAndItsRunCountsFromThere()
            throws Exception {
        WorkflowDefinition definition = Workflows.named("restarted").node("work", "any").build();
        ExecutionHandle handle = start(definition);
        TaskMessage task = nextTask();
        long first = task.dispatchedAt() + 10;
        long again = first + 30_000;

        transport.sendResults(List.of(
                ResultMessage.started(task, "worker-a", first),
                ResultMessage.started(task, "worker-a", first),
                ResultMessage.started(task, "worker-b", again),
                ResultMessage.succeeded(task, "worker-b", again, again + 25_000, Json.object(), true)));
        ExecutionResult result = handle.await();

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        List<WorkflowEvent> events = eventsOf(handle.executionId(), "work");
        assertThat(events).extracting(WorkflowEvent::type).containsExactly(EventType.NODE_DISPATCHED,
                EventType.NODE_STARTED, EventType.NODE_RESTARTED, EventType.NODE_COMPLETED);
        WorkflowEvent restarted = events.get(2);
        assertThat(restarted.time()).isEqualTo(again);
        assertThat(restarted.worker()).isEqualTo("worker-b");
        assertThat(restarted.detail(EventFields.PREVIOUS_WORKER)).isEqualTo("worker-a");
        assertThat(events.get(3).details().path(EventFields.DURATION_MS).asLong()).isEqualTo(25_000);
        TimelineAttempt attempt = TimelineBuilder.from(stores.events().read(handle.executionId()), definition, 0)
                .nodes().get(0).attempts().get(0);
        assertThat(attempt.restarts()).containsExactly(new TimelineRestart(again, "worker-b", "worker-a"));
        assertThat(attempt.durationMillis(0)).isEqualTo(25_000);
    }

    /** Runs a one-node workflow, answers its task with {@code reports}, and returns the node's events. */
    private List<EventType> nodeEventsAnswering(Function<TaskMessage, List<ResultMessage>> reports)
            throws InterruptedException {
        ExecutionHandle handle = start(Workflows.named("answered").node("work", "any").build());
        transport.sendResults(reports.apply(nextTask()));
        handle.await();
        return eventsOf(handle.executionId(), "work").stream().map(WorkflowEvent::type).toList();
    }

    @Test
    void givenARunningAttemptWhenItsOutcomeSaysItStartedAgainWithoutAStartedReportThenTheRestartIsRecordedFirst()
            throws Exception {
        List<EventType> events = nodeEventsAnswering(task -> List.of(
                ResultMessage.started(task, "worker-a", task.dispatchedAt() + 10),
                ResultMessage.failed(task, "worker-b", task.dispatchedAt() + 30_000, task.dispatchedAt() + 30_005,
                        "boom", false)));

        assertThat(events).containsExactly(EventType.NODE_DISPATCHED, EventType.NODE_STARTED,
                EventType.NODE_RESTARTED, EventType.NODE_FAILED);
    }

    @Test
    void givenARunningAttemptWhenACopyThatDidNotRunAnswersWithTheStoredOutcomeThenNoRestartIsRecorded()
            throws Exception {
        List<EventType> events = nodeEventsAnswering(task -> List.of(
                ResultMessage.started(task, "worker-a", task.dispatchedAt() + 10),
                ResultMessage.succeeded(task, "worker-b", 0, task.dispatchedAt() + 40_000, Json.object(), false)));

        assertThat(events).containsExactly(EventType.NODE_DISPATCHED, EventType.NODE_STARTED,
                EventType.NODE_COMPLETED);
    }
}
