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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A task is reported started on its own only when its handler runs for a while; otherwise its outcome says it. */
@Timeout(30)
class WorkerStartedReportTest {

    private static final String ORCHESTRATOR = "orchestrator";

    private final InMemoryTransport transport = new InMemoryTransport();
    private final Stores stores = Stores.inMemory();
    private final HandlerRegistry handlers = new HandlerRegistry();
    private Worker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(2));
        }
        transport.close();
    }

    @Test
    void aQuickTaskSendsOnlyItsOutcomeWhichCarriesItsStartTime() throws Exception {
        handlers.register("quick", context -> Json.object());
        start();
        // The first task of a fresh JVM loads classes for longer than a quick task runs.
        transport.sendTasks(List.of(task("quick", "warm-up")));
        while (nextResult().kind() != ResultMessage.Kind.SUCCEEDED) {
            // its STARTED, if loading took that long
        }
        long before = System.currentTimeMillis();

        transport.sendTasks(List.of(task("quick", "node")));
        ResultMessage first = nextResult();
        long arrived = System.currentTimeMillis();

        // Held up for longer than STARTED_AFTER (a loaded machine), the task is rightly reported started;
        // reported at once, it would arrive sooner.
        Assumptions.assumeFalse(first.kind() == ResultMessage.Kind.STARTED
                && arrived - first.startedAt() >= Worker.STARTED_AFTER.toMillis());
        assertThat(first.kind()).isEqualTo(ResultMessage.Kind.SUCCEEDED);
        assertThat(first.startedAt()).isBetween(before, first.finishedAt());
        assertThat(transport.receiveResults(ORCHESTRATOR, 10, Worker.STARTED_AFTER.multipliedBy(5))).isEmpty();
    }

    @Test
    void aTaskStillRunningAfterAWhileIsReportedStartedBeforeItEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        handlers.register("long", context -> {
            release.await(20, TimeUnit.SECONDS);
            return Json.object();
        });

        start();
        transport.sendTasks(List.of(task("long", "node")));
        ResultMessage first = nextResult();
        release.countDown();
        ResultMessage second = nextResult();

        assertThat(first.kind()).isEqualTo(ResultMessage.Kind.STARTED);
        assertThat(second.kind()).isEqualTo(ResultMessage.Kind.SUCCEEDED);
        assertThat(second.startedAt()).isEqualTo(first.startedAt());
        assertThat(second.finishedAt() - second.startedAt())
                .isGreaterThanOrEqualTo(Worker.STARTED_AFTER.toMillis());
    }

    @Test
    void givenACopyOfAnAttemptThatAlreadyEndedWhenDeliveredThenItAnswersTheStoredOutcomeWithoutAStart()
            throws Exception {
        handlers.register("counted", context -> {
            throw new AssertionError("a copy of an attempt that ended must not run");
        });
        TaskMessage copy = task("counted", "node");
        stores.idempotency().put(copy.executionKey(), ExecutionKey.succeeded(1).encode(), Duration.ofMinutes(1));
        start();
        long before = System.currentTimeMillis();

        transport.sendTasks(List.of(copy));
        ResultMessage answer = nextResult();

        assertThat(answer.kind()).isEqualTo(ResultMessage.Kind.SUCCEEDED);
        assertThat(answer.startedAt()).as("a start would read as the attempt starting again").isZero();
        assertThat(answer.finishedAt()).isGreaterThanOrEqualTo(before);
    }

    private void start() {
        worker = new Worker(WorkerOptions.inMemory("worker", 2), transport, stores.results(), stores.idempotency(),
                handlers).start();
    }

    private ResultMessage nextResult() throws InterruptedException {
        List<Delivery<ResultMessage>> batch = transport.receiveResults(ORCHESTRATOR, 1, Duration.ofSeconds(10));
        assertThat(batch).as("a result within 10 s").hasSize(1);
        return batch.get(0).message();
    }

    private static TaskMessage task(String handler, String nodeId) {
        return new TaskMessage("exec", "wf", nodeId, 1, handler, "default", Json.object(), Map.of(), Json.object(),
                ORCHESTRATOR, System.currentTimeMillis(), 0);
    }
}
