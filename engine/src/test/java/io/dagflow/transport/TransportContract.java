package io.dagflow.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Transport} must do. An implementation's test extends this class and says how
 * to make a transport; queue and orchestrator names are unique to each test, so a transport that
 * outlives one test (a shared Redis) still looks empty to the next.
 */
public abstract class TransportContract {

    /** Long enough never to end while a message is on its way; receives return as soon as one is there. */
    protected static final Duration PATIENCE = Duration.ofSeconds(10);
    protected static final Duration BRIEFLY = Duration.ofMillis(100);

    protected Transport transport;
    protected final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    protected abstract Transport newTransport();

    @BeforeEach
    void createTransport() {
        transport = newTransport();
    }

    @AfterEach
    void closeTransport() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        transport.close();
    }

    @Test
    void aTaskReachesAConsumerOfItsQueueWithEveryField() throws Exception {
        TaskMessage task = new TaskMessage("exec-1", "orders", "fetch", 2, "http", queue("default"),
                Json.tree("{\"url\": \"http://localhost/x\"}"), orderedDependencies(), Json.tree("{\"id\": 7}"),
                orchestrator("o"), 1234, 5000);

        transport.sendTasks(List.of(task));
        List<Delivery<TaskMessage>> received =
                transport.receiveTasks("worker-1", List.of(queue("default")), 10, PATIENCE);

        assertThat(received).hasSize(1);
        assertThat(received.get(0).message()).isEqualTo(task);
        assertThat(received.get(0).message().dependencies().keySet()).containsExactly("login", "fetch", "audit");
        assertThat(received.get(0).deliveryCount()).isEqualTo(1);
        assertThat(received.get(0).isRedelivery()).isFalse();
        transport.ackTasks(received);
    }

    @Test
    void aCancellationReachesEverySubscriberUntilItUnsubscribes() throws Exception {
        java.util.concurrent.BlockingQueue<TaskAttempt> first = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.BlockingQueue<TaskAttempt> second = new java.util.concurrent.LinkedBlockingQueue<>();
        AutoCloseable firstSubscription = transport.subscribeCancellations("worker-1", first::add);
        AutoCloseable secondSubscription = transport.subscribeCancellations("worker-2", second::add);
        TaskAttempt attempt = new TaskAttempt("exec-" + tag, "fetch", 2, queue("default"));

        transport.sendCancellations(List.of(attempt));

        assertThat(first.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(attempt);
        assertThat(second.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(attempt);
        firstSubscription.close();
        TaskAttempt later = new TaskAttempt("exec-" + tag, "report", 1, queue("default"));
        transport.sendCancellations(List.of(later));
        assertThat(second.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(later);
        assertThat(first.poll(BRIEFLY.toMillis(), TimeUnit.MILLISECONDS)).isNull();
        secondSubscription.close();
    }

    @Test
    void aQueueIsServedWhileAWorkerThatReadsItIsAnnounced() throws Exception {
        assertThat(transport.isServed(queue("gpu"))).isFalse();

        AutoCloseable presence = transport.announceWorker("worker-1", List.of(queue("gpu"), queue("cpu")));

        assertThat(transport.isServed(queue("gpu"))).isTrue();
        assertThat(transport.isServed(queue("cpu"))).isTrue();
        assertThat(transport.isServed(queue("tpu"))).isFalse();
        presence.close();
        assertThat(transport.isServed(queue("gpu"))).isFalse();
    }

    @Test
    void aConsumerReceivesNothingOfOtherQueues() throws Exception {
        transport.sendTasks(List.of(task("n1", queue("gpu"))));

        assertThat(transport.receiveTasks("worker-1", List.of(queue("cpu")), 10, BRIEFLY)).isEmpty();
        assertThat(transport.receiveTasks("worker-1", List.of(queue("gpu")), 10, PATIENCE)).hasSize(1);
    }

    @Test
    void aConsumerOfSeveralQueuesReceivesFromEach() throws Exception {
        transport.sendTasks(List.of(task("n1", queue("a")), task("n2", queue("b"))));

        List<String> nodes = receiveNodes("worker", List.of(queue("a"), queue("b")), 2);

        assertThat(nodes).containsExactlyInAnyOrder("n1", "n2");
    }

    @Test
    void aReceiveFromSeveralQueuesTakesNoMoreThanAskedAndTheRestComeNext() throws Exception {
        List<TaskMessage> tasks = new ArrayList<>();
        for (String q : List.of("a", "b", "c")) {
            for (int i = 0; i < 3; i++) {
                tasks.add(task(q + i, queue(q)));
            }
        }
        transport.sendTasks(tasks);
        List<String> queues = List.of(queue("a"), queue("b"), queue("c"));

        List<String> seen = new ArrayList<>();
        while (seen.size() < 9) {
            List<Delivery<TaskMessage>> batch = transport.receiveTasks("worker", queues, 2, PATIENCE);
            assertThat(batch).as("one receive of at most 2").hasSizeBetween(1, 2);
            batch.forEach(delivery -> seen.add(delivery.message().nodeId()));
            transport.ackTasks(batch);
        }
        assertThat(seen).containsExactlyInAnyOrder("a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2");
        assertThat(transport.pollTasks("worker", queues, 10)).isEmpty();
    }

    @Test
    void receivingWaitsForATaskSentMeanwhile() throws Exception {
        Future<List<Delivery<TaskMessage>>> waiting =
                threads.submit(() -> transport.receiveTasks("worker", List.of(queue("q")), 1, PATIENCE));

        transport.sendTasks(List.of(task("late", queue("q"))));

        assertThat(waiting.get(PATIENCE.toSeconds() + 5, TimeUnit.SECONDS))
                .extracting(d -> d.message().nodeId()).containsExactly("late");
    }

    @Test
    void receivingGivesUpEmptyWhenNothingArrives() throws Exception {
        assertThat(transport.receiveTasks("worker", List.of(queue("idle")), 5, BRIEFLY)).isEmpty();
        assertThat(transport.receiveResults(orchestrator("idle"), 5, BRIEFLY)).isEmpty();
    }

    @Test
    void aReceiveTakesAtMostMaxTasksAndLeavesTheRest() throws Exception {
        List<TaskMessage> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(task("n" + i, queue("q")));
        }
        transport.sendTasks(tasks);

        List<Delivery<TaskMessage>> first = transport.receiveTasks("worker", List.of(queue("q")), 2, PATIENCE);
        transport.ackTasks(first);
        List<String> rest = receiveNodes("worker", List.of(queue("q")), 3);

        assertThat(first).hasSize(2);
        List<String> all = new ArrayList<>(first.stream().map(d -> d.message().nodeId()).toList());
        all.addAll(rest);
        assertThat(all).containsExactlyInAnyOrder("n0", "n1", "n2", "n3", "n4");
    }

    @Test
    void eachTaskGoesToOneOfTwoCompetingConsumers() throws Exception {
        int count = 40;
        List<TaskMessage> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(task("n" + i, queue("shared")));
        }
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        Set<String> consumersThatGotWork = ConcurrentHashMap.newKeySet();
        List<Future<?>> consumers = new ArrayList<>();
        for (String consumer : List.of("worker-a", "worker-b")) {
            consumers.add(threads.submit(() -> {
                while (received.size() < count) {
                    List<Delivery<TaskMessage>> batch =
                            transport.receiveTasks(consumer, List.of(queue("shared")), 3, BRIEFLY);
                    batch.forEach(d -> received.add(d.message().nodeId()));
                    if (!batch.isEmpty()) {
                        consumersThatGotWork.add(consumer);
                    }
                    transport.ackTasks(batch);
                }
                return null;
            }));
        }

        transport.sendTasks(tasks);
        for (Future<?> consumer : consumers) {
            consumer.get(PATIENCE.toSeconds() * 3, TimeUnit.SECONDS);
        }

        assertThat(received).hasSize(count).doesNotHaveDuplicates();
        assertThat(consumersThatGotWork).isNotEmpty();
    }

    @Test
    void resultsReachOnlyTheOrchestratorTheyReplyTo() throws Exception {
        TaskMessage forA = task("a", queue("q"), orchestrator("A"));
        TaskMessage forB = task("b", queue("q"), orchestrator("B"));

        transport.sendResults(List.of(ResultMessage.started(forA, "w", 1), ResultMessage.started(forB, "w", 2)));

        List<Delivery<ResultMessage>> ofA = transport.receiveResults(orchestrator("A"), 10, PATIENCE);
        assertThat(ofA).extracting(d -> d.message().nodeId()).containsExactly("a");
        transport.ackResults(ofA);
        assertThat(transport.receiveResults(orchestrator("A"), 10, BRIEFLY)).isEmpty();
        assertThat(transport.receiveResults(orchestrator("B"), 10, PATIENCE))
                .extracting(d -> d.message().nodeId()).containsExactly("b");
    }

    @Test
    void resultsOfOneOrchestratorArriveInTheOrderSentWithEveryField() throws Exception {
        TaskMessage task = task("fetch", queue("q"));
        ResultMessage started = ResultMessage.started(task, "worker-1", 100);
        ResultMessage succeeded = ResultMessage.succeeded(task, "worker-1", 100, 250,
                Json.tree("{\"rows\": [1, 2, 3]}"), true);
        ResultMessage failed = ResultMessage.failed(task, "worker-2", 300, 310, "connection refused", true);

        transport.sendResults(List.of(started, succeeded, failed));
        List<ResultMessage> received = new ArrayList<>();
        while (received.size() < 3) {
            List<Delivery<ResultMessage>> batch = transport.receiveResults(task.replyTo(), 10, PATIENCE);
            assertThat(batch).isNotEmpty();
            batch.forEach(d -> received.add(d.message()));
            transport.ackResults(batch);
        }

        assertThat(received).containsExactly(started, succeeded, failed);
    }

    @Test
    void aCancelRequestReachesTheOrchestratorOwningTheExecution() throws Exception {
        ResultMessage cancel = ResultMessage.cancelRequest("exec-9", orchestrator("owner"), "stopped by operator");

        transport.sendResults(List.of(cancel));

        assertThat(transport.receiveResults(orchestrator("owner"), 10, PATIENCE))
                .extracting(Delivery::message).containsExactly(cancel);
    }

    @Test
    void anAcknowledgedTaskIsNotDeliveredAgain() throws Exception {
        transport.sendTasks(List.of(task("once", queue("q"))));
        List<Delivery<TaskMessage>> received = transport.receiveTasks("worker", List.of(queue("q")), 1, PATIENCE);

        transport.ackTasks(received);

        assertThat(received).hasSize(1);
        assertThat(transport.receiveTasks("worker", List.of(queue("q")), 1, BRIEFLY)).isEmpty();
        assertThat(transport.receiveTasks("other", List.of(queue("q")), 1, BRIEFLY)).isEmpty();
    }

    @Test
    void tasksSentWithResultAcknowledgementsReachTheirQueueAndTheResultsAreNotDeliveredAgain() throws Exception {
        TaskMessage done = task("done", queue("q"));
        transport.sendResults(List.of(ResultMessage.started(done, "w", 1)));
        List<Delivery<ResultMessage>> results = transport.receiveResults(done.replyTo(), 10, PATIENCE);

        transport.sendTasksAndAckResults(List.of(task("next", queue("q"))), results);

        assertThat(results).hasSize(1);
        assertThat(transport.receiveTasks("worker", List.of(queue("q")), 10, PATIENCE))
                .extracting(d -> d.message().nodeId()).containsExactly("next");
        assertThat(transport.receiveResults(done.replyTo(), 10, BRIEFLY)).isEmpty();
    }

    @Test
    void pollingTakesOnlyTasksOfItsQueuesAndNoneThatAnotherReadGets() throws Exception {
        transport.sendTasks(List.of(task("a1", queue("a")), task("b1", queue("b")), task("a2", queue("a")),
                task("a3", queue("a"))));

        // A transport may poll nothing at all; whatever it polls is taken for good.
        List<Delivery<TaskMessage>> polled = transport.pollTasks("worker-1", List.of(queue("a")), 2);
        List<String> nodes = new ArrayList<>(polled.stream().map(d -> d.message().nodeId()).toList());
        nodes.addAll(receiveNodes("worker-2", List.of(queue("a")), 3 - polled.size()));

        assertThat(polled).hasSizeLessThanOrEqualTo(2)
                .allSatisfy(delivery -> assertThat(delivery.message().queue()).isEqualTo(queue("a")));
        assertThat(nodes).containsExactlyInAnyOrder("a1", "a2", "a3");
        assertThat(transport.pollTasks("worker-1", List.of(queue("a")), 10)).isEmpty();
        assertThat(receiveNodes("worker-1", List.of(queue("b")), 1)).containsExactly("b1");
    }

    @Test
    void sendingAndAcknowledgingNothingIsAllowed() throws Exception {
        transport.sendTasks(List.of());
        transport.sendResults(List.of());
        transport.ackTasks(List.of());
        transport.ackResults(List.of());

        assertThat(transport.receiveTasks("worker", List.of(queue("q")), 1, BRIEFLY)).isEmpty();
    }

    /** Dependencies in definition order, deliberately not alphabetical, each with the attempt that counts. */
    private static Map<String, Integer> orderedDependencies() {
        Map<String, Integer> dependencies = new LinkedHashMap<>();
        dependencies.put("login", 1);
        dependencies.put("fetch", 3);
        dependencies.put("audit", 2);
        return dependencies;
    }

    protected String queue(String name) {
        return name + "-" + tag;
    }

    protected String orchestrator(String name) {
        return "orchestrator-" + name + "-" + tag;
    }

    protected TaskMessage task(String nodeId, String queue) {
        return task(nodeId, queue, orchestrator("main"));
    }

    protected static TaskMessage task(String nodeId, String queue, String replyTo) {
        return new TaskMessage("exec-" + nodeId, "wf", nodeId, 1, "noop", queue, Json.object(), Map.of(),
                Json.object(), replyTo, System.currentTimeMillis(), 0);
    }

    private List<String> receiveNodes(String consumer, List<String> queues, int expected) throws InterruptedException {
        List<String> nodes = new ArrayList<>();
        while (nodes.size() < expected) {
            List<Delivery<TaskMessage>> batch = transport.receiveTasks(consumer, queues, expected, PATIENCE);
            assertThat(batch).as("tasks still expected: %d", expected - nodes.size()).isNotEmpty();
            batch.forEach(d -> nodes.add(d.message().nodeId()));
            transport.ackTasks(batch);
        }
        return nodes;
    }
}
