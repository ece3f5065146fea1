package io.dagflow.worker;

import io.dagflow.store.IdempotencyStore;
import io.dagflow.store.ResultStore;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AttemptReporter} as one call per write, in the documented order. */
final class SeparateCallsAttemptReporter implements AttemptReporter {

    private final Transport transport;
    private final ResultStore results;
    private final IdempotencyStore progress;

    SeparateCallsAttemptReporter(Transport transport, ResultStore results, IdempotencyStore progress) {
        this.transport = transport;
        this.results = results;
        this.progress = progress;
    }

    @Override
    public boolean groupsWrites() {
        return false;
    }

    @Override
    public List<Optional<ExecutionKey>> claimAll(List<Claim> claims) {
        List<Optional<ExecutionKey>> answers = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            answers.add(claimOne(claim.task(), claim.started()));
        }
        return answers;
    }

    private Optional<ExecutionKey> claimOne(Delivery<TaskMessage> task, ResultMessage started) {
        TaskMessage message = task.message();
        Optional<ExecutionKey> recorded = progress.get(message.executionKey()).map(ExecutionKey::decode);
        if (recorded.isPresent() && !recorded.get().allowsRun(message.attempt(), task.isRedelivery(), task.id())) {
            return recorded;
        }
        progress.put(message.executionKey(), ExecutionKey.running(message.attempt(), task.id()).encode(),
                PROGRESS_TTL);
        if (started != null) {
            transport.sendResults(List.of(started));
        }
        return Optional.empty();
    }

    /** An attempt that ended after the next one began (its time-out passed) leaves the next one's progress alone. */
    private boolean newerAttemptRecorded(TaskMessage message) {
        return progress.get(message.executionKey()).map(ExecutionKey::attemptOf)
                .filter(recorded -> recorded > message.attempt()).isPresent();
    }

    @Override
    public void endAll(List<Ending> endings) {
        List<ResultMessage> messages = new ArrayList<>(endings.size());
        for (Ending ending : endings) {
            TaskMessage message = ending.task().message();
            if (ending.result() != null) {
                results.put(message.executionId(), message.nodeId(), message.attempt(), ending.result());
            }
            if (ending.ran() && !newerAttemptRecorded(message)) {
                progress.put(message.executionKey(), ending.progress().encode(), PROGRESS_TTL);
            }
            if (ending.message() != null) {
                messages.add(ending.message());
            }
        }
        transport.sendResults(messages);
        transport.ackTasks(endings.stream().map(Ending::task).toList());
    }
}
