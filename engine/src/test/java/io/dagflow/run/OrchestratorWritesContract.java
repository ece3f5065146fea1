package io.dagflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.store.Stores;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OrchestratorWrites} must do, whether its batch is separate calls or one
 * script. Queue, orchestrator and execution names are unique to each test.
 */
public abstract class OrchestratorWritesContract {

    protected static final Duration PATIENCE = Duration.ofSeconds(10);
    protected static final Duration BRIEFLY = Duration.ofMillis(200);

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    protected final String queue = "q-" + tag;
    protected final String otherQueue = "other-q-" + tag;
    protected final String owner = "o-" + tag;
    protected final String execution = "e-" + tag;

    protected Transport transport;
    protected Stores stores;
    protected OrchestratorWrites writes;

    /** Sets {@link #transport}, {@link #stores} and {@link #writes}, all on one backend. */
    protected abstract void connect();

    /**
     * Results of {@code orchestrator} handed out before and never acknowledged, as the
     * orchestrator would find them again after a restart. Empty where a transport never hands a
     * result out twice (in one process, a taken result is gone).
     */
    protected abstract List<Delivery<ResultMessage>> unacknowledgedResults(String orchestrator)
            throws InterruptedException;

    @BeforeEach
    void createWrites() {
        connect();
    }

    @Test
    void eventsAreStoredInOrderAndReadBack() {
        List<WorkflowEvent> first = List.of(event(1, EventType.WORKFLOW_STARTED, null),
                event(2, EventType.NODE_DISPATCHED, "fetch"), event(3, EventType.NODE_DISPATCHED, "parse"));
        List<WorkflowEvent> second = List.of(event(4, EventType.NODE_STARTED, "fetch"),
                event(5, EventType.NODE_COMPLETED, "fetch"));

        assertThat(writes.write(batch(first, List.of(), List.of(), List.of()), owner)).isEmpty();
        assertThat(writes.write(batch(second, List.of(), List.of(), List.of()), owner)).isEmpty();

        List<WorkflowEvent> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(stores.events().read(execution)).containsExactlyElementsOf(all);
        assertThat(stores.events().read(execution, 3)).containsExactlyElementsOf(second);
    }

    @Test
    void dispatchedTasksReachTheirQueuesAndTheirDispatchKeysHoldTheOwner() throws Exception {
        TaskMessage fetch = task("fetch", 1, queue);
        TaskMessage parse = task("parse", 2, otherQueue);

        List<TaskMessage> notSent = writes.write(
                batch(List.of(event(1, EventType.NODE_DISPATCHED, "fetch")), List.of(fetch, parse), List.of(),
                        List.of()), owner);

        assertThat(notSent).isEmpty();
        assertThat(receiveTasks(queue, 1)).containsExactly(fetch);
        assertThat(receiveTasks(otherQueue, 1)).containsExactly(parse);
        assertThat(stores.idempotency().get("dispatch:" + execution + ":fetch:1")).contains(owner);
        assertThat(stores.idempotency().get("dispatch:" + execution + ":parse:2")).contains(owner);
    }

    @Test
    void aDispatchWhoseKeyAnotherOrchestratorHoldsIsNotSentAndIsReturned() throws Exception {
        TaskMessage taken = task("taken", 1, queue);
        TaskMessage free = task("free", 1, queue);
        stores.idempotency().put(OrchestratorWrites.dispatchKey(taken), "another-orchestrator", Duration.ofMinutes(5));

        List<TaskMessage> notSent = writes.write(batch(List.of(), List.of(taken, free), List.of(), List.of()), owner);

        assertThat(notSent).containsExactly(taken);
        assertThat(receiveTasks(queue, 1)).containsExactly(free);
        assertThat(transport.receiveTasks("worker", List.of(queue), 10, BRIEFLY)).isEmpty();
        assertThat(stores.idempotency().get(OrchestratorWrites.dispatchKey(taken))).contains("another-orchestrator");
    }

    @Test
    void aDispatchKeyThatAlreadyHoldsTheOwnerCountsAsHeld() throws Exception {
        TaskMessage again = task("again", 3, queue);
        stores.idempotency().put(OrchestratorWrites.dispatchKey(again), owner, Duration.ofMinutes(5));

        List<TaskMessage> notSent = writes.write(batch(List.of(), List.of(again), List.of(), List.of()), owner);

        assertThat(notSent).isEmpty();
        assertThat(receiveTasks(queue, 1)).containsExactly(again);
    }

    @Test
    void resendsAreSentWithoutLookingAtOrTakingDispatchKeys() throws Exception {
        TaskMessage heldElsewhere = task("held", 1, queue);
        TaskMessage unkeyed = task("unkeyed", 2, queue);
        stores.idempotency().put(OrchestratorWrites.dispatchKey(heldElsewhere), "another-orchestrator",
                Duration.ofMinutes(5));

        List<TaskMessage> notSent =
                writes.write(batch(List.of(), List.of(), List.of(heldElsewhere, unkeyed), List.of()), owner);

        assertThat(notSent).isEmpty();
        assertThat(receiveTasks(queue, 2)).containsExactlyInAnyOrder(heldElsewhere, unkeyed);
        assertThat(stores.idempotency().get(OrchestratorWrites.dispatchKey(heldElsewhere)))
                .contains("another-orchestrator");
        assertThat(stores.idempotency().get(OrchestratorWrites.dispatchKey(unkeyed))).isEmpty();
    }

    @Test
    void acknowledgedResultsAreNotDeliveredAgain() throws Exception {
        List<Delivery<ResultMessage>> handled = receiveResults(List.of(
                ResultMessage.started(task("fetch", 1, queue), "w", 10),
                ResultMessage.succeeded(task("fetch", 1, queue), "w", 10, 20, Json.tree("{\"rows\": 3}"), true)));
        TaskMessage parse = task("parse", 1, queue);

        writes.write(batch(List.of(event(1, EventType.NODE_STARTED, "fetch"), event(2, EventType.NODE_COMPLETED,
                "fetch"), event(3, EventType.NODE_DISPATCHED, "parse")), List.of(parse), List.of(), handled), owner);

        assertThat(unacknowledgedResults(owner)).isEmpty();
        assertThat(receiveTasks(queue, 1)).containsExactly(parse);
        assertThat(stores.events().read(execution)).extracting(WorkflowEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aBatchOfOnlyAcknowledgementsAcknowledgesThem() throws Exception {
        List<Delivery<ResultMessage>> handled =
                receiveResults(List.of(ResultMessage.started(task("late", 1, queue), "w", 10)));

        List<TaskMessage> notSent = writes.write(batch(List.of(), List.of(), List.of(), handled), owner);

        assertThat(notSent).isEmpty();
        assertThat(unacknowledgedResults(owner)).isEmpty();
        assertThat(stores.events().read(execution)).isEmpty();
    }

    @Test
    void anEmptyBatchWritesNothing() throws Exception {
        OrchestratorWrites.Batch empty = batch(List.of(), List.of(), List.of(), List.of());

        assertThat(empty.isEmpty()).isTrue();
        assertThat(writes.write(empty, owner)).isEmpty();
        assertThat(stores.events().read(execution)).isEmpty();
        assertThat(transport.receiveTasks("worker", List.of(queue), 10, BRIEFLY)).isEmpty();
    }

    protected static OrchestratorWrites.Batch batch(List<WorkflowEvent> events, List<TaskMessage> dispatches,
            List<TaskMessage> resends, List<Delivery<ResultMessage>> acks) {
        return new OrchestratorWrites.Batch(events, dispatches, resends, acks);
    }

    protected WorkflowEvent event(long sequence, EventType type, String node) {
        return new WorkflowEvent(execution, sequence, type, node, node == null ? 0 : 1, 1_000 + sequence, null,
                Json.tree("{\"sequence\": " + sequence + "}"));
    }

    protected TaskMessage task(String node, int attempt, String toQueue) {
        return new TaskMessage(execution, "wf", node, attempt, "http", toQueue, Json.tree("{\"url\": \"/" + node + "\"}"),
                Map.of("login", 1), Json.tree("{\"id\": 7}"), owner, 1_000, 0);
    }

    /** Receives exactly {@code count} tasks of {@code fromQueue} and acknowledges them. */
    protected List<TaskMessage> receiveTasks(String fromQueue, int count) throws InterruptedException {
        List<TaskMessage> tasks = new ArrayList<>();
        while (tasks.size() < count) {
            List<Delivery<TaskMessage>> received =
                    transport.receiveTasks("worker", List.of(fromQueue), count - tasks.size(), PATIENCE);
            assertThat(received).as("tasks still expected: %d", count - tasks.size()).isNotEmpty();
            received.forEach(delivery -> tasks.add(delivery.message()));
            transport.ackTasks(received);
        }
        return tasks;
    }

    /** Sends the results to the owner and receives them, unacknowledged, as its orchestrator would. */
    protected List<Delivery<ResultMessage>> receiveResults(List<ResultMessage> results) throws InterruptedException {
        transport.sendResults(results);
        List<Delivery<ResultMessage>> received = new ArrayList<>();
        while (received.size() < results.size()) {
            List<Delivery<ResultMessage>> batch =
                    transport.receiveResults(owner, results.size() - received.size(), PATIENCE);
            assertThat(batch).as("results still expected").isNotEmpty();
            received.addAll(batch);
        }
        assertThat(received).extracting(Delivery::message).containsExactlyElementsOf(results);
        return received;
    }
}
