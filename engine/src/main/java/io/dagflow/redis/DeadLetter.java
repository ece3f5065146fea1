package io.dagflow.redis;

import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A stream entry that will not be delivered: it is copied to the dead-letter stream with why,
 * then acknowledged and deleted from its own stream, in the caller's pipeline. Nothing vanishes:
 * the dead-letter entry keeps every original field under {@code field:<name>}.
 *
 * @param consumer the consumer that gave up on the entry
 * @param report what the entry's orchestrator is told (a task's failure), or null
 */
public record DeadLetter(String stream, String group, StreamEntryID id, Map<String, String> fields, String reason,
        String consumer, ResultMessage report) {

    /** Dead letters are rare; the cap only protects memory from a producer gone wrong. */
    static final long MAX_KEPT = 100_000;

    /** The failure a dead-lettered task's orchestrator receives, or null when the task cannot be read. */
    static ResultMessage taskFailure(StreamEntry entry, String reason, String consumer) {
        TaskMessage task;
        try {
            task = StreamMessageCodec.decodeTask(entry.getFields());
        } catch (MalformedMessageException e) {
            return null;
        }
        long now = System.currentTimeMillis();
        return ResultMessage.failed(task, consumer, now, now, "the task was dead-lettered: " + reason
                + " (its workers kept dying or stalling while running it)", false);
    }

    public Map<String, String> deadLetterFields(long now) {
        Map<String, String> dead = new LinkedHashMap<>();
        dead.put("source_stream", stream);
        dead.put("group", group);
        dead.put("entry_id", id.toString());
        dead.put("reason", reason);
        dead.put("consumer", consumer);
        dead.put("dead_at", Long.toString(now));
        fields.forEach((name, value) -> dead.put("field:" + name, value));
        return dead;
    }

    void addTo(AbstractPipeline pipeline, RedisKeys keys, long now, List<Response<?>> responses) {
        responses.add(pipeline.xadd(keys.deadLetters(),
                XAddParams.xAddParams().maxLen(MAX_KEPT).approximateTrimming(), deadLetterFields(now)));
        if (report != null) {
            responses.add(pipeline.xadd(keys.resultStream(report.replyTo()), StreamEntryID.NEW_ENTRY,
                    StreamMessageCodec.encode(report)));
        }
        responses.add(pipeline.xack(stream, group, id));
        responses.add(pipeline.xdel(stream, id));
    }
}
