package io.dagflow.redis;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.run.OrchestratorWrites;
import io.dagflow.transport.TaskMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * An execution's batch of writes as one script, so one round trip (docs/protocol.md, "Round
 * trips"; a batch of more than {@value #TASKS_PER_SCRIPT} new tasks takes several): the events
 * are checked to come after the log's last one before anything is written, and the script runs
 * whole, so no task leaves and no result is acknowledged unless the events
 * were stored. Events, tasks and acknowledgements use the same keys and encodings as
 * {@link RedisEventStore}, {@link RedisTransport} and {@link RedisIdempotencyStore}.
 */
public final class RedisOrchestratorWrites implements OrchestratorWrites {

    /**
     * KEYS: the events stream, then per dispatch its dispatch key and task stream, per resend
     * its task stream, per acknowledged stream that stream. ARGV: the number of events and their
     * (sequence, JSON) pairs; the owner and the dispatch keys' TTL in ms; the number of
     * dispatches and their messages; the number of resends and their messages; the number of
     * acknowledged streams and, per stream, the number of ids and the ids. Returns the 1-based
     * positions of the dispatches whose key someone else holds.
     */
    private static final RedisScript FLUSH = new RedisScript("""
            local a = 2
            local k = 2
            local events = tonumber(ARGV[1])
            %APPEND%
            local owner = ARGV[a]
            local ttl = ARGV[a + 1]
            local dispatches = tonumber(ARGV[a + 2])
            a = a + 3
            local refused = {}
            for i = 1, dispatches do
              local held = redis.call('SET', KEYS[k], owner, 'NX', 'PX', ttl)
              if held or redis.call('GET', KEYS[k]) == owner then
                redis.call('XADD', KEYS[k + 1], '*', '%MESSAGE%', ARGV[a])
              else
                refused[#refused + 1] = i
              end
              k = k + 2
              a = a + 1
            end
            local resends = tonumber(ARGV[a])
            a = a + 1
            for i = 1, resends do
              redis.call('XADD', KEYS[k], '*', '%MESSAGE%', ARGV[a])
              k = k + 1
              a = a + 1
            end
            %ACKNOWLEDGE%
            return refused
            """.replace("%APPEND%", EventOrder.APPEND_LUA).replace("%MESSAGE%", RedisKeys.MESSAGE_FIELD)
            .replace("%ACKNOWLEDGE%", ScriptAcknowledgements.lua(RedisKeys.RESULT_GROUP)));

    private final RedisKeys keys;
    private final RedisExecutor redis;

    public RedisOrchestratorWrites(RedisKeys keys, RedisExecutor redis) {
        this.keys = keys;
        this.redis = redis;
    }

    /**
     * A large batch (the start of a wide workflow) goes as several scripts of at most this many
     * new tasks, each with the events up to its tasks' own: Redis serves other clients between
     * them, so workers take the first tasks while the rest are written.
     */
    private static final int TASKS_PER_SCRIPT = 500;

    @Override
    public List<TaskMessage> write(Batch batch, String owner) {
        if (batch.isEmpty()) {
            return List.of();
        }
        String executionId = executionOf(batch);
        List<TaskMessage> dispatches = batch.dispatches();
        List<WorkflowEvent> events = batch.events();
        Map<String, Integer> dispatchedEvent = dispatchedEventIndexes(events);
        List<TaskMessage> notSent = new ArrayList<>();
        int eventsWritten = 0;
        for (int from = 0; from < dispatches.size() || from == 0; from += TASKS_PER_SCRIPT) {
            List<TaskMessage> part = dispatches.subList(from, Math.min(dispatches.size(), from + TASKS_PER_SCRIPT));
            boolean last = from + TASKS_PER_SCRIPT >= dispatches.size();
            // Each part carries the events up to its tasks' NODE_DISPATCHED, so no task leaves before its event.
            int eventsNeeded = events.size();
            if (!last) {
                eventsNeeded = eventsWritten;
                for (TaskMessage task : part) {
                    eventsNeeded = Math.max(eventsNeeded,
                            dispatchedEvent.getOrDefault(attemptOf(task), events.size() - 1) + 1);
                }
            }
            Batch script = new Batch(events.subList(eventsWritten, eventsNeeded), part,
                    last ? batch.resends() : List.of(), last ? batch.acks() : List.of());
            notSent.addAll(writeOne(executionId, script, owner));
            eventsWritten = eventsNeeded;
        }
        return notSent;
    }

    private static Map<String, Integer> dispatchedEventIndexes(List<WorkflowEvent> events) {
        Map<String, Integer> indexes = new java.util.HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            WorkflowEvent event = events.get(i);
            if (event.type() == io.dagflow.event.EventType.NODE_DISPATCHED) {
                indexes.put(event.nodeId() + "#" + event.attempt(), i);
            }
        }
        return indexes;
    }

    private static String attemptOf(TaskMessage task) {
        return task.nodeId() + "#" + task.attempt();
    }

    private List<TaskMessage> writeOne(String executionId, Batch batch, String owner) {
        List<String> scriptKeys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        scriptKeys.add(keys.events(executionId));
        args.add(Integer.toString(batch.events().size()));
        long previous = 0;
        for (WorkflowEvent event : batch.events()) {
            if (!executionId.equals(event.executionId()) || event.sequence() <= previous) {
                throw new IllegalArgumentException("Event " + event.sequence() + " (" + event.type() + ") of "
                        + event.executionId() + " does not follow the batch's events of " + executionId
                        + " in sequence order");
            }
            previous = event.sequence();
            args.add(Long.toString(event.sequence()));
            args.add(Json.write(event));
        }
        args.add(owner);
        args.add(Long.toString(Math.max(1, DISPATCH_KEY_TTL.toMillis())));
        args.add(Integer.toString(batch.dispatches().size()));
        for (TaskMessage task : batch.dispatches()) {
            scriptKeys.add(keys.idempotency(OrchestratorWrites.dispatchKey(task)));
            scriptKeys.add(taskStream(task));
            args.add(Json.write(task));
        }
        args.add(Integer.toString(batch.resends().size()));
        for (TaskMessage task : batch.resends()) {
            scriptKeys.add(taskStream(task));
            args.add(Json.write(task));
        }
        ScriptAcknowledgements.add(batch.acks(), scriptKeys, args);
        Object refused = redis.call("write " + describe(batch) + " of execution " + executionId, jedis -> {
            try {
                return FLUSH.call(jedis, j -> FLUSH.eval(j, scriptKeys, args));
            } catch (JedisDataException e) {
                throw EventOrder.refusal(e, executionId, batch.events().get(0).sequence());
            }
        });
        List<TaskMessage> notSent = new ArrayList<>();
        if (refused instanceof List<?> positions) {
            for (Object position : positions) {
                notSent.add(batch.dispatches().get(((Number) position).intValue() - 1));
            }
        }
        return notSent;
    }

    private static String executionOf(Batch batch) {
        if (!batch.events().isEmpty()) {
            return batch.events().get(0).executionId();
        }
        if (!batch.dispatches().isEmpty()) {
            return batch.dispatches().get(0).executionId();
        }
        if (!batch.resends().isEmpty()) {
            return batch.resends().get(0).executionId();
        }
        return batch.acks().get(0).message().executionId();
    }

    private String taskStream(TaskMessage task) {
        if (task.queue() == null || task.queue().isBlank()) {
            throw new IllegalArgumentException("Task of node '" + task.nodeId() + "' in execution "
                    + task.executionId() + " names no queue");
        }
        return keys.taskStream(task.queue());
    }

    private static String describe(Batch batch) {
        return batch.events().size() + " event(s), " + (batch.dispatches().size() + batch.resends().size())
                + " task(s) and " + batch.acks().size() + " acknowledgement(s)";
    }
}
