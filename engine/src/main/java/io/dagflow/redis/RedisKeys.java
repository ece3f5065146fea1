package io.dagflow.redis;

import io.dagflow.model.WorkflowStatus;

/**
 * Every key this project writes, in one place (documented in docs/protocol.md).
 *
 * <p>Keys of one execution carry its id as a hash tag, {@code {executionId}}, so that they share
 * a Redis Cluster slot and one execution's writes may go into one transaction (the batch scripts
 * also touch task and result streams, so the engine needs a single server, not a Cluster). Keys of one
 * definition carry its name as a hash tag for the same reason.
 */
public final class RedisKeys {

    /** The consumer group of the workers on every task stream. */
    public static final String TASK_GROUP = "workers";
    /** The consumer group of the orchestrator on its result stream. */
    public static final String RESULT_GROUP = "orchestrator";
    /** The single field of a task or result stream entry: the message as JSON. */
    public static final String MESSAGE_FIELD = "m";
    /** The single field of an event stream entry: the event as JSON. */
    public static final String EVENT_FIELD = "e";

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String taskStream(String queue) {
        return prefix + ":q:" + queue;
    }

    public String resultStream(String orchestratorId) {
        return prefix + ":r:" + orchestratorId;
    }

    public String deadLetters() {
        return prefix + ":dead";
    }

    public String events(String executionId) {
        return execution(executionId) + ":events";
    }

    public String executionRecord(String executionId) {
        return execution(executionId) + ":record";
    }

    public String results(String executionId) {
        return execution(executionId) + ":results";
    }

    public String executionsByStart() {
        return prefix + ":executions";
    }

    public String executionsOfWorkflow(String workflowName) {
        return prefix + ":executions:workflow:" + workflowName;
    }

    public String executionsWithStatus(WorkflowStatus status) {
        return prefix + ":executions:status:" + status.name();
    }

    public String definitionVersions(String name) {
        return prefix + ":def:{" + name + "}:versions";
    }

    public String definitionOrder(String name) {
        return prefix + ":def:{" + name + "}:order";
    }

    /** Exists, with a short TTL, while the orchestrator runs ({@link OrchestratorPresence}). */
    public String orchestratorPresence(String orchestratorId) {
        return prefix + ":orchestrator:" + orchestratorId;
    }

    /** The workers serving a queue now: a sorted set of worker ids scored by when their presence expires. */
    public String workersOf(String queue) {
        return prefix + ":workers:" + queue;
    }

    /** Where orchestrators ask workers to stop attempts of cancelled executions; every worker reads all of it. */
    public String cancellations() {
        return prefix + ":cancellations";
    }

    public String idempotency(String key) {
        return prefix + ":idem:" + key;
    }

    private String execution(String executionId) {
        return prefix + ":exec:{" + executionId + "}";
    }
}
