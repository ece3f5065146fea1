package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.json.Json;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/** What the Redis transport does beyond the shared contract: redelivery, trimming, dead letters. */
class RedisTransportTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration BRIEFLY = Duration.ofMillis(100);
    /** Short enough for a test to outwait; receivers look for idle entries this often. */
    private static final RedisTransport.Settings QUICK_REDELIVERY = RedisTransport.Settings.DEFAULT
            .withVisibilityTimeout(Duration.ofMillis(300)).withClaimInterval(Duration.ofMillis(100));

    private final String prefix = "transport-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<RedisBackend> backends = new ArrayList<>();

    @AfterEach
    void closeBackends() {
        backends.forEach(RedisBackend::close);
    }

    @Test
    void aTaskLeftUnacknowledgedByAConsumerIsRedeliveredToAnotherAfterTheVisibilityTimeout() throws Exception {
        RedisTransport transport = backend(QUICK_REDELIVERY).transport();
        transport.sendTasks(List.of(task("n1", "q")));
        List<Delivery<TaskMessage>> first = transport.receiveTasks("dying-worker", List.of("q"), 1, PATIENCE);

        List<Delivery<TaskMessage>> second = transport.receiveTasks("healthy-worker", List.of("q"), 1, PATIENCE);

        assertThat(first).hasSize(1);
        assertThat(first.get(0).deliveryCount()).isEqualTo(1);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).message()).isEqualTo(first.get(0).message());
        assertThat(second.get(0).id()).isEqualTo(first.get(0).id());
        assertThat(second.get(0).deliveryCount()).isEqualTo(2);
        assertThat(second.get(0).isRedelivery()).isTrue();
    }

    @Test
    void renewingATaskTakenOverByAnotherConsumerLeavesItWithThatConsumer() throws Exception {
        RedisBackend backend = backend(QUICK_REDELIVERY);
        RedisTransport transport = backend.transport();
        transport.sendTasks(List.of(task("n1", "q")));
        List<Delivery<TaskMessage>> stale = transport.receiveTasks("paused-worker", List.of("q"), 1, PATIENCE);
        List<Delivery<TaskMessage>> takenOver = transport.receiveTasks("healthy-worker", List.of("q"), 1, PATIENCE);

        transport.renewTasks("paused-worker", stale);

        assertThat(takenOver).extracting(Delivery::id).containsExactly(stale.get(0).id());
        String owner = backend.commands().call("owner", jedis -> jedis.xpending(backend.keys().taskStream("q"),
                RedisKeys.TASK_GROUP, redis.clients.jedis.params.XPendingParams.xPendingParams().count(10)))
                .get(0).getConsumerName();
        assertThat(owner).isEqualTo("healthy-worker");
    }

    @Test
    void renewalIsAThirdOfTheVisibilityTimeout() {
        assertThat(backend(QUICK_REDELIVERY).transport().taskRenewalInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void anAcknowledgedTaskIsNeitherRedeliveredNorKept() throws Exception {
        RedisBackend backend = backend(QUICK_REDELIVERY);
        RedisTransport transport = backend.transport();
        transport.sendTasks(List.of(task("n1", "q"), task("n2", "q")));
        List<Delivery<TaskMessage>> received = transport.receiveTasks("worker", List.of("q"), 2, PATIENCE);

        transport.ackTasks(received);

        assertThat(received).hasSize(2);
        // Longer than the visibility timeout, so an unacknowledged task would come back.
        assertThat(transport.receiveTasks("other", List.of("q"), 1, Duration.ofMillis(800))).isEmpty();
        String stream = backend.keys().taskStream("q");
        assertThat(length(backend, stream)).isZero();
        assertThat(pending(backend, stream)).isZero();
    }

    @Test
    void acknowledgedResultsAreDeletedFromTheResultStream() throws Exception {
        RedisBackend backend = backend(RedisTransport.Settings.DEFAULT);
        RedisTransport transport = backend.transport();
        TaskMessage task = task("n1", "q");
        transport.sendResults(List.of(ResultMessage.started(task, "w", 1), ResultMessage.started(task, "w", 2)));
        String stream = backend.keys().resultStream(task.replyTo());
        long lengthBeforeAck = length(backend, stream);

        List<Delivery<ResultMessage>> received = transport.receiveResults(task.replyTo(), 10, PATIENCE);
        transport.ackResults(received);

        assertThat(lengthBeforeAck).isEqualTo(2);
        assertThat(received).hasSize(2);
        assertThat(length(backend, stream)).isZero();
    }

    @Test
    void tasksSentTogetherWithResultAcknowledgementsAreQueuedAndTheResultsDeleted() throws Exception {
        RedisBackend backend = backend(RedisTransport.Settings.DEFAULT);
        RedisTransport transport = backend.transport();
        TaskMessage done = task("done", "q");
        transport.sendResults(List.of(ResultMessage.succeeded(done, "w", 1, 2, Json.object(), true)));
        List<Delivery<ResultMessage>> results = transport.receiveResults(done.replyTo(), 10, PATIENCE);

        transport.sendTasksAndAckResults(List.of(task("next", "q")), results);

        assertThat(results).hasSize(1);
        assertThat(length(backend, backend.keys().resultStream(done.replyTo()))).isZero();
        assertThat(transport.receiveTasks("worker", List.of("q"), 10, PATIENCE))
                .extracting(d -> d.message().nodeId()).containsExactly("next");
    }

    @Test
    void malformedEntriesGoToTheDeadLetterStreamWithTheirReasonAndFields() throws Exception {
        RedisBackend backend = backend(RedisTransport.Settings.DEFAULT);
        RedisTransport transport = backend.transport();
        String stream = backend.keys().taskStream("q");
        StreamEntryID notJson = rawAdd(backend, stream, Map.of("m", "{not json"));
        StreamEntryID noMessage = rawAdd(backend, stream, Map.of("payload", "hello"));
        StreamEntryID noNode = rawAdd(backend, stream, Map.of("m", "{\"execution_id\": \"e\", \"attempt\": 1}"));
        transport.sendTasks(List.of(task("good", "q")));

        List<Delivery<TaskMessage>> received = transport.receiveTasks("worker", List.of("q"), 10, PATIENCE);

        assertThat(received).extracting(d -> d.message().nodeId()).containsExactly("good");
        List<StreamEntry> dead = backend.commands().call("read dead letters",
                jedis -> jedis.xrange(backend.keys().deadLetters(), "-", "+"));
        assertThat(dead).hasSize(3);
        assertThat(dead).allSatisfy(entry -> {
            assertThat(entry.getFields()).containsEntry("source_stream", stream)
                    .containsEntry("group", RedisKeys.TASK_GROUP).containsEntry("consumer", "worker")
                    .containsKey("dead_at");
        });
        assertThat(dead.get(0).getFields()).containsEntry("entry_id", notJson.toString())
                .containsEntry("field:m", "{not json");
        assertThat(dead.get(0).getFields().get("reason")).contains("is not a task message");
        assertThat(dead.get(1).getFields()).containsEntry("entry_id", noMessage.toString())
                .containsEntry("field:payload", "hello");
        assertThat(dead.get(1).getFields().get("reason")).contains("no field 'm'");
        assertThat(dead.get(2).getFields()).containsEntry("entry_id", noNode.toString());
        assertThat(dead.get(2).getFields().get("reason")).contains("node_id", "handler", "queue", "reply_to");
        transport.ackTasks(received);
        assertThat(length(backend, stream)).isZero();
    }

    @Test
    void aTaskDeliveredTooOftenIsDeadLetteredInsteadOfDeliveredAgain() throws Exception {
        RedisBackend backend = backend(QUICK_REDELIVERY.withMaxDeliveries(2));
        RedisTransport transport = backend.transport();
        transport.sendTasks(List.of(task("poison", "q")));
        assertThat(transport.receiveTasks("crashing-1", List.of("q"), 1, PATIENCE)).hasSize(1);
        assertThat(transport.receiveTasks("crashing-2", List.of("q"), 1, PATIENCE))
                .extracting(Delivery::deliveryCount).containsExactly(2L);

        List<Delivery<TaskMessage>> third = transport.receiveTasks("crashing-3", List.of("q"), 1, Duration.ofSeconds(1));

        assertThat(third).isEmpty();
        List<StreamEntry> dead = backend.commands().call("read dead letters",
                jedis -> jedis.xrange(backend.keys().deadLetters(), "-", "+"));
        assertThat(dead).singleElement().satisfies(entry ->
                assertThat(entry.getFields().get("reason")).isEqualTo("delivered 3 times without being acknowledged"));
    }

    @Test
    void twoOrchestratorsHaveTheirOwnResultStreams() throws Exception {
        RedisBackend backend = backend(RedisTransport.Settings.DEFAULT);
        RedisTransport transport = backend.transport();
        TaskMessage ofA = task("a", "q", "orchestrator-a");
        TaskMessage ofB = task("b", "q", "orchestrator-b");

        transport.sendResults(List.of(ResultMessage.started(ofA, "w", 1), ResultMessage.started(ofB, "w", 1),
                ResultMessage.started(ofA, "w", 2)));

        String streamOfA = backend.keys().resultStream("orchestrator-a");
        String streamOfB = backend.keys().resultStream("orchestrator-b");
        assertThat(streamOfA).isNotEqualTo(streamOfB);
        assertThat(length(backend, streamOfA)).isEqualTo(2);
        assertThat(length(backend, streamOfB)).isEqualTo(1);
        assertThat(transport.receiveResults("orchestrator-b", 10, PATIENCE))
                .extracting(d -> d.message().nodeId()).containsExactly("b");
    }

    @Test
    void anOrchestratorStartedAgainGetsBackItsUnacknowledgedResultsAtOnce() throws Exception {
        TaskMessage task = task("n1", "q", "orchestrator-1");
        RedisTransport before = backend(RedisTransport.Settings.DEFAULT).transport();
        before.sendResults(List.of(ResultMessage.started(task, "w", 1)));
        assertThat(before.receiveResults("orchestrator-1", 10, PATIENCE)).hasSize(1);

        RedisTransport after = backend(RedisTransport.Settings.DEFAULT).transport();
        List<Delivery<ResultMessage>> again = after.receiveResults("orchestrator-1", 10, BRIEFLY);

        assertThat(again).hasSize(1);
        assertThat(again.get(0).message().nodeId()).isEqualTo("n1");
        assertThat(again.get(0).deliveryCount()).isEqualTo(2);
    }

    @Test
    void aConsumerGroupLostByTheServerIsCreatedAgain() throws Exception {
        RedisBackend backend = backend(RedisTransport.Settings.DEFAULT);
        RedisTransport transport = backend.transport();
        transport.sendTasks(List.of(task("n1", "q")));
        transport.ackTasks(transport.receiveTasks("worker", List.of("q"), 1, PATIENCE));
        backend.commands().call("drop stream", jedis -> jedis.del(backend.keys().taskStream("q")));

        transport.sendTasks(List.of(task("n2", "q")));

        assertThat(transport.receiveTasks("worker", List.of("q"), 1, PATIENCE))
                .extracting(d -> d.message().nodeId()).containsExactly("n2");
    }

    @Test
    void tasksSentBeforeAnyWorkerListenedAreDelivered() throws Exception {
        RedisTransport sender = backend(RedisTransport.Settings.DEFAULT).transport();
        sender.sendTasks(List.of(task("early", "fresh-queue")));

        RedisTransport worker = backend(RedisTransport.Settings.DEFAULT).transport();

        assertThat(worker.receiveTasks("worker", List.of("fresh-queue"), 1, PATIENCE))
                .extracting(d -> d.message().nodeId()).containsExactly("early");
    }

    @Test
    void streamKeysFollowTheDocumentedLayout() {
        RedisKeys keys = new RedisKeys("dagflow");

        assertThat(keys.taskStream("gpu")).isEqualTo("dagflow:q:gpu");
        assertThat(keys.resultStream("orch-1")).isEqualTo("dagflow:r:orch-1");
        assertThat(keys.deadLetters()).isEqualTo("dagflow:dead");
        assertThat(keys.events("e1")).isEqualTo("dagflow:exec:{e1}:events");
        assertThat(keys.executionRecord("e1")).isEqualTo("dagflow:exec:{e1}:record");
        assertThat(keys.results("e1")).isEqualTo("dagflow:exec:{e1}:results");
    }

    private RedisBackend backend(RedisTransport.Settings settings) {
        RedisBackend backend = RedisBackend.connect(RedisServerProcess.shared().config(prefix), settings);
        backends.add(backend);
        return backend;
    }

    private static long length(RedisBackend backend, String stream) {
        return backend.commands().call("length", jedis -> jedis.xlen(stream));
    }

    private static long pending(RedisBackend backend, String stream) {
        return backend.commands().call("pending", jedis -> jedis.xpending(stream, RedisKeys.TASK_GROUP).getTotal());
    }

    private static StreamEntryID rawAdd(RedisBackend backend, String stream, Map<String, String> fields) {
        return backend.commands().call("raw add", jedis -> jedis.xadd(stream, StreamEntryID.NEW_ENTRY, fields));
    }

    private static TaskMessage task(String nodeId, String queue) {
        return task(nodeId, queue, "orchestrator");
    }

    private static TaskMessage task(String nodeId, String queue, String replyTo) {
        return new TaskMessage("exec-1", "wf", nodeId, 1, "noop", queue, Json.object(), Map.of(), Json.object(),
                replyTo, 1, 0);
    }
}
