package io.dagflow.redis;

import io.dagflow.json.Json;
import io.dagflow.json.UnreadableTextException;
import io.dagflow.report.Printable;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stream entries of task and result streams: one field {@code m} holding the message as JSON,
 * written by {@link Json} (snake_case field names, nulls left out). See docs/protocol.md.
 */
public final class StreamMessageCodec {

    private StreamMessageCodec() {
    }

    public static Map<String, String> encode(TaskMessage task) {
        return Map.of(RedisKeys.MESSAGE_FIELD, Json.write(task));
    }

    public static Map<String, String> encode(ResultMessage result) {
        return Map.of(RedisKeys.MESSAGE_FIELD, Json.write(result));
    }

    public static TaskMessage decodeTask(Map<String, String> fields) throws MalformedMessageException {
        TaskMessage task = parse(fields, TaskMessage.class, "task");
        List<String> missing = new ArrayList<>();
        requireText(missing, "execution_id", task.executionId());
        requireText(missing, "node_id", task.nodeId());
        requireText(missing, "handler", task.handler());
        requireText(missing, "queue", task.queue());
        requireText(missing, "reply_to", task.replyTo());
        if (!missing.isEmpty()) {
            throw new MalformedMessageException("task message lacks " + String.join(", ", missing));
        }
        if (task.attempt() < 1) {
            throw new MalformedMessageException("task message has attempt " + task.attempt() + "; attempts start at 1");
        }
        return task;
    }

    public static ResultMessage decodeResult(Map<String, String> fields) throws MalformedMessageException {
        ResultMessage result = parse(fields, ResultMessage.class, "result");
        List<String> missing = new ArrayList<>();
        requireText(missing, "execution_id", result.executionId());
        if (result.kind() == null) {
            missing.add("kind");
        }
        // A cancel request concerns the whole execution: it names no node and no attempt.
        boolean aboutAnAttempt = result.kind() != ResultMessage.Kind.CANCEL_REQUESTED;
        if (aboutAnAttempt) {
            requireText(missing, "node_id", result.nodeId());
        }
        if (!missing.isEmpty()) {
            throw new MalformedMessageException("result message lacks " + String.join(", ", missing));
        }
        if (aboutAnAttempt && result.attempt() < 1) {
            throw new MalformedMessageException(
                    "result message has attempt " + result.attempt() + "; attempts start at 1");
        }
        return result;
    }

    private static <T> T parse(Map<String, String> fields, Class<T> type, String kind)
            throws MalformedMessageException {
        String json = fields.get(RedisKeys.MESSAGE_FIELD);
        if (json == null) {
            throw new MalformedMessageException("entry has no field '" + RedisKeys.MESSAGE_FIELD + "' (fields: "
                    + Printable.inline(fields.keySet().toString()) + ")");
        }
        try {
            T message = Json.parse(json, type);
            if (message == null) {
                throw new MalformedMessageException("field '" + RedisKeys.MESSAGE_FIELD + "' holds no message");
            }
            return message;
        } catch (UnreadableTextException e) {
            throw new MalformedMessageException("field '" + RedisKeys.MESSAGE_FIELD + "' is not a " + kind + " message: "
                    + e.getMessage());
        }
    }

    private static void requireText(List<String> missing, String field, String value) {
        if (value == null || value.isBlank()) {
            missing.add(field);
        }
    }
}
