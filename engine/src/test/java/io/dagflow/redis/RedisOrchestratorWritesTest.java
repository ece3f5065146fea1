package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.run.OrchestratorWrites;
import io.dagflow.run.OrchestratorWritesContract;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The shared contract on Redis, and what its one script per batch promises beyond it. */
class RedisOrchestratorWritesTest extends OrchestratorWritesContract {

    /** More new tasks than one script takes, so the batch goes as several. */
    private static final int WIDE = 1_200;

    private RedisConfig config;
    private RedisBackend backend;

    @Override
    protected void connect() {
        config = RedisServerProcess.shared().config("writes-" + UUID.randomUUID().toString().substring(0, 8));
        backend = RedisBackend.connect(config);
        transport = backend.transport();
        stores = backend.stores();
        writes = backend.orchestratorWrites();
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    /**
     * As the orchestrator finds them after a restart: a new transport's first read of its result
     * stream takes back at once whatever is still pending.
     */
    @Override
    protected List<Delivery<ResultMessage>> unacknowledgedResults(String orchestrator) throws InterruptedException {
        try (RedisBackend restarted = RedisBackend.connect(config)) {
            return restarted.transport().receiveResults(orchestrator, 100, BRIEFLY);
        }
    }

    @Test
    void aResultTheBatchDidNotAcknowledgeIsFoundAgain() throws Exception {
        List<Delivery<ResultMessage>> received = receiveResults(List.of(
                ResultMessage.started(task("handled", 1, queue), "w", 1),
                ResultMessage.started(task("left", 1, queue), "w", 2)));

        writes.write(batch(List.of(), List.of(), List.of(), received.subList(0, 1)), owner);

        assertThat(unacknowledgedResults(owner)).extracting(Delivery::id).containsExactly(received.get(1).id());
    }

    @Test
    void aBatchWhoseEventsDoNotFollowTheLogIsRefusedAndWritesNothingElse() throws Exception {
        List<WorkflowEvent> stored = List.of(event(1, EventType.WORKFLOW_STARTED, null),
                event(2, EventType.NODE_DISPATCHED, "fetch"));
        stores.events().append(stored);
        List<Delivery<ResultMessage>> handled =
                receiveResults(List.of(ResultMessage.started(task("fetch", 1, queue), "w", 5)));
        WorkflowEvent anotherSecondEvent = event(2, EventType.NODE_STARTED, "fetch");
        TaskMessage dispatch = task("parse", 1, queue);
        TaskMessage resend = task("fetch", 1, otherQueue);

        assertThatThrownBy(() -> writes.write(batch(List.of(anotherSecondEvent, event(3, EventType.NODE_STARTED,
                "fetch")), List.of(dispatch), List.of(resend), handled), owner))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("execution " + execution);

        assertThat(stores.events().read(execution)).containsExactlyElementsOf(stored);
        assertThat(transport.receiveTasks("worker", List.of(queue, otherQueue), 10, BRIEFLY)).isEmpty();
        assertThat(stores.idempotency().get(OrchestratorWrites.dispatchKey(dispatch))).isEmpty();
        assertThat(unacknowledgedResults(owner)).extracting(Delivery::id).containsExactly(handled.get(0).id());
    }

    @Test
    void aWideBatchRefusedForItsEventsSendsNoneOfItsTasks() throws Exception {
        stores.events().append(List.of(event(1, EventType.WORKFLOW_STARTED, null)));
        List<TaskMessage> dispatches = wide();

        assertThatThrownBy(() -> writes.write(batch(List.of(event(1, EventType.WORKFLOW_FAILED, null)), dispatches,
                List.of(), List.of()), owner))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("execution " + execution);

        assertThat(transport.receiveTasks("worker", List.of(queue), 10, BRIEFLY)).isEmpty();
        assertThat(stores.idempotency().get(OrchestratorWrites.dispatchKey(dispatches.get(WIDE - 1)))).isEmpty();
    }

    @Test
    void aBatchWrittenAgainAfterItsReplyWasLostStoresItsEventsOnceAndSendsItsTasksAgain() throws Exception {
        List<WorkflowEvent> events = List.of(event(1, EventType.WORKFLOW_STARTED, null),
                event(2, EventType.NODE_DISPATCHED, "fetch"));
        TaskMessage fetch = task("fetch", 1, queue);
        List<Delivery<ResultMessage>> handled =
                receiveResults(List.of(ResultMessage.cancelRequest(execution, owner, "stop")));
        OrchestratorWrites.Batch batch = batch(events, List.of(fetch), List.of(), handled);

        assertThat(writes.write(batch, owner)).isEmpty();
        assertThat(writes.write(batch, owner)).isEmpty();

        assertThat(stores.events().read(execution)).containsExactlyElementsOf(events);
        assertThat(receiveTasks(queue, 2)).containsExactly(fetch, fetch);
        assertThat(unacknowledgedResults(owner)).isEmpty();
    }

    @Test
    void aBatchOfMoreTasksThanOneScriptTakesSendsThemAllAfterStoringItsEvents() throws Exception {
        List<TaskMessage> dispatches = wide();
        List<WorkflowEvent> events = new ArrayList<>();
        events.add(event(1, EventType.WORKFLOW_STARTED, null));
        for (TaskMessage task : dispatches) {
            events.add(event(events.size() + 1, EventType.NODE_DISPATCHED, task.nodeId()));
        }
        TaskMessage resend = task("resent", 1, otherQueue);
        List<Delivery<ResultMessage>> handled =
                receiveResults(List.of(ResultMessage.started(task("resent", 1, otherQueue), "w", 1)));

        List<TaskMessage> notSent = writes.write(batch(events, dispatches, List.of(resend), handled), owner);

        assertThat(notSent).isEmpty();
        assertThat(stores.events().read(execution)).containsExactlyElementsOf(events);
        assertThat(receiveTasks(queue, WIDE)).containsExactlyInAnyOrderElementsOf(dispatches);
        assertThat(receiveTasks(otherQueue, 1)).containsExactly(resend);
        assertThat(dispatches).allSatisfy(task ->
                assertThat(stores.idempotency().get(OrchestratorWrites.dispatchKey(task))).contains(owner));
        assertThat(unacknowledgedResults(owner)).isEmpty();
    }

    @Test
    void aWideBatchReturnsExactlyTheDispatchesHeldElsewhereWhicheverScriptTheyFallIn() throws Exception {
        List<TaskMessage> dispatches = wide();
        List<TaskMessage> heldElsewhere = List.of(dispatches.get(0), dispatches.get(499), dispatches.get(500),
                dispatches.get(WIDE - 1));
        for (TaskMessage task : heldElsewhere) {
            stores.idempotency().put(OrchestratorWrites.dispatchKey(task), "another-orchestrator",
                    Duration.ofMinutes(5));
        }

        List<TaskMessage> notSent = writes.write(batch(List.of(), dispatches, List.of(), List.of()), owner);

        assertThat(notSent).containsExactlyElementsOf(heldElsewhere);
        List<TaskMessage> sent = new ArrayList<>(dispatches);
        sent.removeAll(heldElsewhere);
        assertThat(receiveTasks(queue, WIDE - heldElsewhere.size())).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(transport.receiveTasks("worker", List.of(queue), 10, BRIEFLY)).isEmpty();
    }

    @Test
    void moreAcknowledgementsThanOneCommandTakesAreAllMade() throws Exception {
        List<ResultMessage> results = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            results.add(ResultMessage.started(task("n" + i, 1, queue), "w", i));
        }
        List<Delivery<ResultMessage>> handled = receiveResults(results);

        writes.write(batch(List.of(), List.of(), List.of(), handled), owner);

        assertThat(unacknowledgedResults(owner)).isEmpty();
    }

    @Test
    void aWriteAfterTheServerForgotItsScriptsStillWorks() throws Exception {
        writes.write(batch(List.of(event(1, EventType.WORKFLOW_STARTED, null)), List.of(), List.of(), List.of()),
                owner);
        backend.commands().call("forget every script", UnifiedJedis::scriptFlush);
        TaskMessage fetch = task("fetch", 1, queue);

        List<TaskMessage> notSent = writes.write(batch(List.of(event(2, EventType.NODE_DISPATCHED, "fetch")),
                List.of(fetch), List.of(), List.of()), owner);

        assertThat(notSent).isEmpty();
        assertThat(stores.events().read(execution)).extracting(WorkflowEvent::sequence).containsExactly(1L, 2L);
        assertThat(receiveTasks(queue, 1)).containsExactly(fetch);
    }

    /**
     * A server out of memory ({@code maxmemory} reached, no eviction) refuses commands that add
     * data but still runs XACK and XDEL: results must stay unacknowledged when the batch's events
     * and tasks were refused, or what they answered is lost.
     */
    @Test
    void aBatchTheServerRefusesForLackOfMemoryAcknowledgesNothing() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.builder().start();
                RedisBackend full = RedisBackend.connect(server.config("full"))) {
            TaskMessage done = task("done", 1, queue);
            full.transport().sendResults(List.of(ResultMessage.started(done, "w", 1)));
            List<Delivery<ResultMessage>> handled = full.transport().receiveResults(owner, 10, PATIENCE);
            assertThat(handled).hasSize(1);
            OrchestratorWrites.Batch batch = batch(List.of(event(1, EventType.NODE_STARTED, "done")),
                    List.of(task("next", 1, queue)), List.of(), handled);

            full.commands().run("leave no memory", jedis -> jedis.configSet("maxmemory", "1"));
            try {
                assertThatThrownBy(() -> full.orchestratorWrites().write(batch, owner))
                        .isInstanceOf(RuntimeException.class);
            } finally {
                full.commands().run("give memory back", jedis -> jedis.configSet("maxmemory", "0"));
            }

            assertThat(full.stores().events().read(execution)).isEmpty();
            assertThat(full.transport().receiveTasks("worker", List.of(queue), 10, BRIEFLY)).isEmpty();
            try (RedisBackend restarted = RedisBackend.connect(server.config("full"))) {
                assertThat(restarted.transport().receiveResults(owner, 10, BRIEFLY)).hasSize(1);
            }
        }
    }

    private List<TaskMessage> wide() {
        List<TaskMessage> tasks = new ArrayList<>(WIDE);
        for (int i = 0; i < WIDE; i++) {
            tasks.add(task("n" + i, 1, queue));
        }
        return tasks;
    }
}
