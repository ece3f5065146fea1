package io.dagflow.redis;

import io.dagflow.event.EventStore;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Each execution's events in one stream, {@code {prefix}:exec:{executionId}:events}, whose entry
 * ids are the event sequences ({@code <sequence>-0}) and whose one field {@code e} holds the
 * event as JSON. Ids that follow the sequence let a reader resume after any sequence with one
 * range read, and let Redis refuse an event that would not come after the log's last one.
 *
 * <p>A batch is appended by a script per execution, in one round trip for all executions of the
 * batch: the script checks that the batch comes after the log's last event before writing, so a
 * batch is written whole or not at all (events already in the log unchanged, from a retry whose
 * first reply was lost, are skipped).
 */
public final class RedisEventStore implements EventStore {

    private static final int READ_PAGE = 1000;

    // A batch retried after its reply was lost is already there: events the log holds byte for byte
    // are skipped, so the retry succeeds; any other event at an existing sequence is refused.
    private static final String APPEND_SCRIPT = """
            local a = 1
            local events = #ARGV / 2
            %APPEND%
            return events
            """.replace("%APPEND%", EventOrder.APPEND_LUA);

    private final RedisKeys keys;
    private final RedisExecutor redis;

    public RedisEventStore(RedisKeys keys, RedisExecutor redis) {
        this.keys = keys;
        this.redis = redis;
    }

    @Override
    public void append(List<WorkflowEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, List<String>> argsByExecution = new LinkedHashMap<>();
        Map<String, Long> lastSequence = new LinkedHashMap<>();
        for (WorkflowEvent event : events) {
            if (event.executionId() == null || event.executionId().isBlank()) {
                throw new IllegalArgumentException("Event " + event.type() + " has no execution id");
            }
            Long previous = lastSequence.get(event.executionId());
            if (event.sequence() < 1 || (previous != null && event.sequence() <= previous)) {
                throw new IllegalArgumentException("Event " + event.type() + " of execution " + event.executionId()
                        + " has sequence " + event.sequence() + (previous == null ? "; sequences start at 1"
                        : ", not after the batch's previous event " + previous));
            }
            lastSequence.put(event.executionId(), event.sequence());
            List<String> args = argsByExecution.computeIfAbsent(event.executionId(), id -> new ArrayList<>());
            args.add(Long.toString(event.sequence()));
            args.add(Json.write(event));
        }
        redis.run("append " + events.size() + " event(s)", jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                Map<String, Response<Object>> responses = new LinkedHashMap<>();
                argsByExecution.forEach((executionId, args) -> responses.put(executionId,
                        pipeline.eval(APPEND_SCRIPT, List.of(keys.events(executionId)), args)));
                pipeline.sync();
                responses.forEach((executionId, response) -> {
                    try {
                        response.get();
                    } catch (JedisDataException e) {
                        throw EventOrder.refusal(e, executionId, argsByExecution.get(executionId).get(0));
                    }
                });
            }
        });
    }

    @Override
    public List<WorkflowEvent> read(String executionId, long afterSequence) {
        String key = keys.events(executionId);
        List<WorkflowEvent> events = new ArrayList<>();
        long from = Math.max(afterSequence, 0) + 1;
        while (true) {
            String start = from + "-0";
            List<StreamEntry> page = redis.call("read events of execution " + executionId,
                    jedis -> jedis.xrange(key, start, "+", READ_PAGE));
            for (StreamEntry entry : page) {
                events.add(parse(key, entry));
            }
            if (page.size() < READ_PAGE) {
                return events;
            }
            from = page.get(page.size() - 1).getID().getTime() + 1;
        }
    }

    private static WorkflowEvent parse(String key, StreamEntry entry) {
        String json = entry.getFields().get(RedisKeys.EVENT_FIELD);
        if (json == null) {
            throw new IllegalStateException("Entry " + entry.getID() + " of " + key + " has no field '"
                    + RedisKeys.EVENT_FIELD + "'; the event log was written by something else");
        }
        try {
            return Json.read(json, WorkflowEvent.class);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("Entry " + entry.getID() + " of " + key + " is not a valid event: "
                    + e.getCause().getMessage(), e);
        }
    }
}
