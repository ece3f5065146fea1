package io.dagflow.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.store.IdempotencyStore;
import io.dagflow.store.ResultStore;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
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
    public Optional<ExecutionKey> claim(Delivery<TaskMessage> task, ResultMessage started) {
        TaskMessage message = task.message();
        Optional<ExecutionKey> recorded = progress.get(message.executionKey()).map(ExecutionKey::decode);
        if (recorded.isPresent() && !recorded.get().allowsRun(message.attempt(), task.isRedelivery(), task.id())) {
            return recorded;
        }
        progress.put(message.executionKey(), ExecutionKey.running(message.attempt(), task.id()).encode(),
                PROGRESS_TTL);
        transport.sendResults(List.of(started));
        return Optional.empty();
    }

    @Override
    public void finish(Delivery<TaskMessage> task, JsonNode result, ExecutionKey outcomeKey, ResultMessage outcome) {
        TaskMessage message = task.message();
        if (result != null) {
            results.put(message.executionId(), message.nodeId(), message.attempt(), result);
        }
        progress.put(message.executionKey(), outcomeKey.encode(), PROGRESS_TTL);
        transport.sendResults(List.of(outcome));
        transport.ackTasks(List.of(task));
    }

    @Override
    public void settle(Delivery<TaskMessage> task, ResultMessage answer) {
        if (answer != null) {
            transport.sendResults(List.of(answer));
        }
        transport.ackTasks(List.of(task));
    }
}
