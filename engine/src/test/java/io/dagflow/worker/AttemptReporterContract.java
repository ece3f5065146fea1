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
        assertThat(unacknowledgedTasks(queue)).isEmpty();
    }

    @Test
    void settlingReportsTheAnswerAndAcknowledgesTheTask() throws Exception {
        Delivery<TaskMessage> task = deliver(1);
        ResultMessage answer = ResultMessage.succeeded(task.message(), "w", 5, 5, null, false);

        reporter.settle(task, answer);
        reporter.settle(copy(task, 2), null);

        assertThat(results()).containsExactly(answer);
        assertThat(unacknowledgedTasks(queue)).isEmpty();
    }

    @Test
    void aBatchOfClaimsIsAnsweredInOrderAndOnlyClaimedCopiesAreReportedStarted() throws Exception {
        Delivery<TaskMessage> first = deliver("first", 1);
        Delivery<TaskMessage> secondCopyOfFirst = deliver("first", 1);
        Delivery<TaskMessage> other = deliver("other", 1);

        List<Optional<ExecutionKey>> answers = reporter.claimAll(List.of(
                new AttemptReporter.Claim(first, started(first, 10)),
                new AttemptReporter.Claim(secondCopyOfFirst, started(secondCopyOfFirst, 20)),
                new AttemptReporter.Claim(other, started(other, 30))));

        assertThat(answers).containsExactly(Optional.empty(), Optional.of(ExecutionKey.running(1, first.id())),
                Optional.empty());
        assertThat(progress("first")).contains("1:running:" + first.id());
        assertThat(progress("other")).contains("1:running:" + other.id());
        assertThat(results()).containsExactly(started(first, 10), started(other, 30));
    }

    @Test
    void aBatchOfClaimsSeesWhatIsRecordedBeforeIt() throws Exception {
        Delivery<TaskMessage> ended = deliver("ended", 1);
        stores.idempotency().put("exec:" + execution + ":ended", ExecutionKey.succeeded(1).encode(), null);
        Delivery<TaskMessage> fresh = deliver("fresh", 1);

        List<Optional<ExecutionKey>> answers = reporter.claimAll(List.of(
                new AttemptReporter.Claim(ended, started(ended, 1)),
                new AttemptReporter.Claim(fresh, started(fresh, 2))));

        assertThat(answers).containsExactly(Optional.of(ExecutionKey.succeeded(1)), Optional.empty());
        assertThat(results()).containsExactly(started(fresh, 2));
    }

    @Test
    void claimingNoTasksAnswersNothing() throws Exception {
        assertThat(reporter.claimAll(List.of())).isEmpty();
        assertThat(results()).isEmpty();
    }

    @Test
    void endingABatchStoresResultsRecordsProgressSendsOutcomesInOrderAndAcknowledgesEveryTask()
            throws Exception {
        Delivery<TaskMessage> succeeded = deliver("succeeded", 1);
        Delivery<TaskMessage> failed = deliver("failed", 2);
        Delivery<TaskMessage> answered = deliver("answered", 1);
        Delivery<TaskMessage> silent = deliver("silent", 1);
        reporter.claimAll(List.of(new AttemptReporter.Claim(succeeded, started(succeeded, 1)),
                new AttemptReporter.Claim(failed, started(failed, 1))));
        results();
        ResultMessage success = ResultMessage.succeeded(succeeded.message(), "w", 1, 2, Json.tree("[1, 2]"), true);
        ResultMessage failure = ResultMessage.failed(failed.message(), "w", 1, 3, "exit 2", false);
        ResultMessage answer = ResultMessage.succeeded(answered.message(), "w", 0, 0, null, false);

        reporter.endAll(List.of(
                AttemptReporter.Ending.finished(succeeded, Json.tree("[1, 2]"), ExecutionKey.succeeded(1), success),
                AttemptReporter.Ending.finished(failed, null, ExecutionKey.failed(2, false, "exit 2"), failure),
                AttemptReporter.Ending.settled(answered, answer),
                AttemptReporter.Ending.settled(silent, null)));

        assertThat(stores.results().get(execution, "succeeded", 1)).contains(Json.tree("[1, 2]"));
        assertThat(stores.results().get(execution, "failed", 2)).isEmpty();
        assertThat(progress("succeeded")).contains("1:succeeded");
        assertThat(progress("failed")).map(ExecutionKey::decode).contains(ExecutionKey.failed(2, false, "exit 2"));
        assertThat(progress("answered")).isEmpty();
        assertThat(progress("silent")).isEmpty();
        assertThat(results()).containsExactly(success, failure, answer);
        assertThat(unacknowledgedTasks(queue)).isEmpty();
    }

    @Test
    void endingTasksOfTwoQueuesAcknowledgesThemOnBoth() throws Exception {
        String otherQueue = "other-" + queue;
        Delivery<TaskMessage> here = deliver("here", 1);
        Delivery<TaskMessage> there = deliver(otherQueue, "there", 1);

        reporter.endAll(List.of(AttemptReporter.Ending.settled(here, null),
                AttemptReporter.Ending.settled(there, null)));

        assertThat(unacknowledgedTasks(queue)).isEmpty();
        assertThat(unacknowledgedTasks(otherQueue)).isEmpty();
        assertThat(results()).isEmpty();
    }

    /**
     * An attempt that ends after a newer one was claimed (it ran past its time-out, and the
     * orchestrator dispatched the next attempt meanwhile) must not take the newer attempt's
     * progress away: a fresh copy of the newer attempt (sent again after a resume) would then run
     * while the newer attempt still runs.
     */
    @Test
    void anAttemptThatEndsLateDoesNotUnblockCopiesOfTheNewerAttempt() throws Exception {
        Delivery<TaskMessage> late = deliver(1);
        reporter.claim(late, started(late, 1));
        Delivery<TaskMessage> newer = deliver(2);
        reporter.claim(newer, started(newer, 2));
        results();

        reporter.finish(late, null, ExecutionKey.failed(1, true, "stopped after its time-out"),
                ResultMessage.failed(late.message(), "w", 1, 3, "stopped after its time-out", true));
        Delivery<TaskMessage> copyOfNewer = deliver(2);

        assertThat(progress()).contains("2:running:" + newer.id());
        assertThat(reporter.claim(copyOfNewer, started(copyOfNewer, 4))).contains(ExecutionKey.running(2, newer.id()));
    }

    @Test
    void endingNoTasksWritesNothing() throws Exception {
        reporter.endAll(List.of());

        assertThat(results()).isEmpty();
    }

    /**
     * Tasks of {@code queue} that were handed out and never acknowledged, as a consumer taking
     * over a dead one's tasks would find them. Empty where a transport never hands a task out
     * twice (in one process, a taken task is gone).
     */
    protected List<Delivery<TaskMessage>> unacknowledgedTasks(String queue) throws InterruptedException {
        return transport.receiveTasks("another", List.of(queue), 10, Duration.ofMillis(200));
    }

    protected String queue() {
        return queue;
    }

    protected Delivery<TaskMessage> deliver(String node, int attempt) throws InterruptedException {
        return deliver(queue, node, attempt);
    }

    private Delivery<TaskMessage> deliver(String toQueue, String node, int attempt) throws InterruptedException {
        transport.sendTasks(List.of(new TaskMessage(execution, "wf", node, attempt, "noop", toQueue, Json.object(),
                Map.of(), Json.object(), orchestrator, 1, 0)));
        List<Delivery<TaskMessage>> received = transport.receiveTasks("worker", List.of(toQueue), 1, PATIENCE);
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private Delivery<TaskMessage> deliver(int attempt) throws InterruptedException {
        return deliver("node", attempt);
    }

    /** The same entry handed out again, as after its worker died ({@code count} above 1). */
    private static Delivery<TaskMessage> copy(Delivery<TaskMessage> task, long count) {
        return new Delivery<>(task.id(), task.channel(), task.message(), count);
    }

    private static ResultMessage started(Delivery<TaskMessage> task, long at) {
        return ResultMessage.started(task.message(), "w", at);
    }

    private Optional<String> progress() {
        return progress("node");
    }

    protected Optional<String> progress(String node) {
        return stores.idempotency().get("exec:" + execution + ":" + node);
    }

    /** Everything reported so far, acknowledged so that the next call sees only newer results. */
    private List<ResultMessage> results() throws InterruptedException {
        List<Delivery<ResultMessage>> received = transport.receiveResults(orchestrator, 100, Duration.ofMillis(200));
        transport.ackResults(received);
        return received.stream().map(Delivery::message).toList();
    }
}
