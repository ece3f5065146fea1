package io.dagflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.store.Stores;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.InMemoryTransport;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A worker's threads go on with waiting tasks themselves; that must not change how many run at once. */
@Timeout(30)
class WorkerSlotsTest {

    private static final String ORCHESTRATOR = "orchestrator";

    private final InMemoryTransport transport = new InMemoryTransport();
    private final Stores stores = Stores.inMemory();
    private final HandlerRegistry handlers = new HandlerRegistry();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private Worker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(2));
        }
        transport.close();
    }

    @Test
    void threeThreadsRunQueuedTasksThreeAtATimeAndEachOnce() throws Exception {
        // Each round of three waits for all three, so fewer than three at once never gets through,
        // and a fourth task started beside them would show in mostAtOnce.
        CyclicBarrier round = new CyclicBarrier(3);
        handlers.register("rounds", context -> {
            enter(context.nodeId());
            try {
                round.await(10, TimeUnit.SECONDS);
                return Json.object();
            } finally {
                running.decrementAndGet();
            }
        });
        List<TaskMessage> tasks = tasks(30, "rounds");

        worker = new Worker(WorkerOptions.inMemory("worker", 3), transport, stores.results(), stores.idempotency(),
                handlers).start();
        transport.sendTasks(tasks);
        List<ResultMessage> succeeded = awaitSucceeded(tasks.size());

        assertThat(succeeded).extracting(ResultMessage::nodeId)
                .containsExactlyInAnyOrderElementsOf(tasks.stream().map(TaskMessage::nodeId).toList());
        assertThat(mostAtOnce).hasValue(3);
        assertThat(runs.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    @Test
    void aBusyWorkerLeavesTheTasksItHasNoThreadForToOtherWorkers() throws Exception {
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        handlers.register("second-waits", context -> {
            enter(context.nodeId());
            try {
                if (runs.size() == 2) {
                    secondStarted.countDown();
                    release.await(10, TimeUnit.SECONDS);
                }
                return Json.object();
            } finally {
                running.decrementAndGet();
            }
        });
        List<TaskMessage> tasks = tasks(5, "second-waits");

        worker = new Worker(WorkerOptions.inMemory("worker", 1), transport, stores.results(), stores.idempotency(),
                handlers).start();
        transport.sendTasks(tasks);
        secondStarted.await(10, TimeUnit.SECONDS);
        // The one thread went on from the first task to the second itself; its slot is still taken.
        List<Delivery<TaskMessage>> leftOver = transport.pollTasks("other-worker", List.of("default"), 10);
        release.countDown();

        assertThat(leftOver).hasSize(3);
        assertThat(awaitSucceeded(2)).hasSize(2);
        assertThat(mostAtOnce).hasValue(1);
    }

    private void enter(String nodeId) {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        runs.computeIfAbsent(nodeId, id -> new AtomicInteger()).incrementAndGet();
    }

    private static List<TaskMessage> tasks(int count, String handler) {
        List<TaskMessage> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(new TaskMessage("exec", "wf", "n" + i, 1, handler, "default", Json.object(), Map.of(),
                    Json.object(), ORCHESTRATOR, System.currentTimeMillis(), 0));
        }
        return tasks;
    }

    private List<ResultMessage> awaitSucceeded(int expected) throws InterruptedException {
        List<ResultMessage> succeeded = new ArrayList<>();
        while (succeeded.size() < expected) {
            List<Delivery<ResultMessage>> batch = transport.receiveResults(ORCHESTRATOR, 100, Duration.ofSeconds(10));
            for (Delivery<ResultMessage> delivery : batch) {
                assertThat(delivery.message().kind()).isIn(ResultMessage.Kind.STARTED, ResultMessage.Kind.SUCCEEDED);
                if (delivery.message().kind() == ResultMessage.Kind.SUCCEEDED) {
                    succeeded.add(delivery.message());
                }
            }
        }
        return succeeded;
    }
}
