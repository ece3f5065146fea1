package io.dagflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.json.Json;
import io.dagflow.store.Stores;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AttemptReporter} must do, whether its writes are separate calls or grouped.
 * Queue, orchestrator and execution names are unique to each test.
 */
public abstract class AttemptReporterContract {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "q-" + tag;
    private final String orchestrator = "o-" + tag;
    private final String execution = "e-" + tag;

    protected Transport transport;
    protected Stores stores;
    protected AttemptReporter reporter;

    /** Sets {@link #transport}, {@link #stores} and {@link #reporter}, all on one backend. */
    protected abstract void connect();

    @BeforeEach
    void createReporter() {
        connect();
    }

    @Test
    void aFreshTaskIsClaimedRecordedAsRunningAndReportedStarted() throws Exception {
        Delivery<TaskMessage> task = deliver(1);

        Optional<ExecutionKey> blocked = reporter.claim(task, started(task, 100));

        assertThat(blocked).isEmpty();
        assertThat(progress()).contains("1:running:" + task.id());
        assertThat(results()).singleElement().satisfies(result -> {
            assertThat(result.kind()).isEqualTo(ResultMessage.Kind.STARTED);
            assertThat(result.startedAt()).isEqualTo(100);
        });
    }

    @Test
    void aSecondCopyOfARunningAttemptIsNotClaimedButARedeliveredOneIs() throws Exception {
        Delivery<TaskMessage> task = deliver(1);
        reporter.claim(task, started(task, 1));
        results();
        Delivery<TaskMessage> resent = deliver(1);

        Optional<ExecutionKey> duplicate = reporter.claim(resent, started(task, 2));
        Optional<ExecutionKey> redelivered = reporter.claim(copy(task, 2), started(task, 3));

        assertThat(duplicate).contains(ExecutionKey.running(1, task.id()));
        assertThat(redelivered).isEmpty();
        assertThat(results()).extracting(ResultMessage::startedAt).containsExactly(3L);
    }

    @Test
    void aClaimTriedAgainAfterItsAnswerWasLostClaimsAgain() throws Exception {
        Delivery<TaskMessage> task = deliver(1);
        reporter.claim(task, started(task, 1));

        Optional<ExecutionKey> retried = reporter.claim(task, started(task, 1));

        assertThat(retried).isEmpty();
        assertThat(results()).extracting(ResultMessage::kind)
                .containsExactly(ResultMessage.Kind.STARTED, ResultMessage.Kind.STARTED);
    }

    @Test
    void progressWrittenWithoutTheClaimingCopyStillBlocksAFreshCopy() throws Exception {
        Delivery<TaskMessage> task = deliver(1);
        stores.idempotency().put("exec:" + execution + ":node", "1:running", null);

        assertThat(reporter.claim(task, started(task, 1))).contains(ExecutionKey.running(1, null));
        assertThat(reporter.claim(copy(task, 2), started(task, 2))).isEmpty();
    }

    @Test
    void aCopyOfAnEndedAttemptIsNotClaimedEvenWhenRedelivered() throws Exception {
        Delivery<TaskMessage> task = deliver(1);
        reporter.claim(task, started(task, 1));
        ExecutionKey failed = ExecutionKey.failed(1, true, "boom: with a colon");
        reporter.finish(task, null, failed, ResultMessage.failed(task.message(), "w", 1, 2, "boom: with a colon", true));
        results();

        assertThat(reporter.claim(copy(task, 3), started(task, 5))).contains(failed);
        assertThat(results()).isEmpty();
    }

    @Test
    void aNewerAttemptIsClaimedOverAnOlderOneButNotTheOtherWayRound() throws Exception {
        Delivery<TaskMessage> first = deliver(1);
        reporter.claim(first, started(first, 1));
        Delivery<TaskMessage> second = deliver(2);

        Optional<ExecutionKey> newer = reporter.claim(second, started(second, 2));
        Optional<ExecutionKey> older = reporter.claim(copy(first, 2), started(first, 3));

        assertThat(newer).isEmpty();
        assertThat(older).contains(ExecutionKey.running(2, second.id()));
        assertThat(progress()).contains("2:running:" + second.id());
    }

    @Test
    void finishingStoresTheResultRecordsTheOutcomeReportsItAndAcknowledgesTheTask() throws Exception {
        Delivery<TaskMessage> task = deliver(1);
        reporter.claim(task, started(task, 1));
        results();
        ResultMessage succeeded = ResultMessage.succeeded(task.message(), "w", 1, 2, Json.tree("{\"n\": 1}"), true);

        reporter.finish(task, Json.tree("{\"n\": 1}"), ExecutionKey.succeeded(1), succeeded);

        assertThat(stores.results().get(execution, "node", 1)).contains(Json.tree("{\"n\": 1}"));
        assertThat(progress()).contains("1:succeeded");
        assertThat(results()).containsExactly(succeeded);
        assertThat(transport.receiveTasks("another", List.of(queue), 10, Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void settlingReportsTheAnswerAndAcknowledgesTheTask() throws Exception {
        Delivery<TaskMessage> task = deliver(1);
        ResultMessage answer = ResultMessage.succeeded(task.message(), "w", 5, 5, null, false);

        reporter.settle(task, answer);
        reporter.settle(copy(task, 2), null);

        assertThat(results()).containsExactly(answer);
        assertThat(transport.receiveTasks("another", List.of(queue), 10, Duration.ofMillis(200))).isEmpty();
    }

    private Delivery<TaskMessage> deliver(int attempt) throws InterruptedException {
        transport.sendTasks(List.of(new TaskMessage(execution, "wf", "node", attempt, "noop", queue, Json.object(),
                Map.of(), Json.object(), orchestrator, 1, 0)));
        List<Delivery<TaskMessage>> received = transport.receiveTasks("worker", List.of(queue), 1, PATIENCE);
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    /** The same entry handed out again, as after its worker died ({@code count} above 1). */
    private static Delivery<TaskMessage> copy(Delivery<TaskMessage> task, long count) {
        return new Delivery<>(task.id(), task.channel(), task.message(), count);
    }

    private static ResultMessage started(Delivery<TaskMessage> task, long at) {
        return ResultMessage.started(task.message(), "w", at);
    }

    private Optional<String> progress() {
        return stores.idempotency().get("exec:" + execution + ":node");
    }

    /** Everything reported so far, acknowledged so that the next call sees only newer results. */
    private List<ResultMessage> results() throws InterruptedException {
        List<Delivery<ResultMessage>> received = transport.receiveResults(orchestrator, 100, Duration.ofMillis(200));
        transport.ackResults(received);
        return received.stream().map(Delivery::message).toList();
    }
}
