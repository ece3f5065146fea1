package io.dagflow.transport;

/**
 * One attempt of one node, named without its task's content: what an orchestrator takes back
 * from a queue ({@link Transport#withdrawTasks}) or asks workers to stop
 * ({@link Transport#sendCancellations}).
 */
public record TaskAttempt(String executionId, String nodeId, int attempt, String queue) {

    public static TaskAttempt of(TaskMessage task) {
        return new TaskAttempt(task.executionId(), task.nodeId(), task.attempt(), task.queue());
    }

    public boolean isOf(TaskMessage task) {
        return attempt == task.attempt() && nodeId.equals(task.nodeId()) && executionId.equals(task.executionId());
    }

    /** The worker-side idempotency key, as {@link TaskMessage#executionKey()}. */
    public String executionKey() {
        return "exec:" + executionId + ":" + nodeId;
    }
}
