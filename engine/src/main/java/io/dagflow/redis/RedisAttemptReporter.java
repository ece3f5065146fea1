package io.dagflow.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.worker.AttemptReporter;
import io.dagflow.worker.ExecutionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.SetParams;

/**
 * A worker's writes on Redis in one round trip per group (docs/protocol.md, "Round trips"):
 * claiming is one script that checks and sets the progress key and adds STARTED to the
 * orchestrator's result stream; finishing and settling are one pipeline each.
 */
public final class RedisAttemptReporter implements AttemptReporter {

    /**
     * KEYS: the progress key, the result stream. ARGV: the task's attempt, 1 when the copy is a
     * redelivery, the running value (naming the copy by its entry id), the key's TTL in ms, the
     * STARTED message. Returns nil when claimed, else the recorded value. The rule is
     * {@link ExecutionKey#allowsRun}'s: a claim tried again after its answer was lost finds its
     * own running value and claims again, instead of leaving the task to nobody.
     */
    private static final String CLAIM_SCRIPT = """
            local recorded = redis.call('GET', KEYS[1])
            if recorded then
              local attempt, state = string.match(recorded, '^(%d+):(%a+)')
              if attempt == nil then
                return redis.error_reply('BAD_PROGRESS ' .. KEYS[1] .. ' holds ' .. recorded)
              end
              attempt = tonumber(attempt)
              local wanted = tonumber(ARGV[1])
              if attempt > wanted then
                return recorded
              end
              if attempt == wanted then
                local claimedByThisCopy = recorded == ARGV[3]
                if not (state == 'running' and (ARGV[2] == '1' or claimedByThisCopy)) then
                  return recorded
                end
              end
            end
            redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
            redis.call('XADD', KEYS[2], '*', 'm', ARGV[5])
            return false
            """;

    private final RedisKeys keys;
    private final RedisExecutor redis;

    public RedisAttemptReporter(RedisKeys keys, RedisExecutor redis) {
        this.keys = keys;
        this.redis = redis;
    }

    @Override
    public Optional<ExecutionKey> claim(Delivery<TaskMessage> task, ResultMessage started) {
        TaskMessage message = task.message();
        List<String> args = List.of(Integer.toString(message.attempt()), task.isRedelivery() ? "1" : "0",
                ExecutionKey.running(message.attempt(), task.id()).encode(), Long.toString(PROGRESS_TTL.toMillis()),
                Json.write(started));
        Object recorded = redis.call("claim " + describe(message),
                jedis -> jedis.eval(CLAIM_SCRIPT, List.of(progressKey(message), resultStream(started)), args));
        return recorded == null ? Optional.empty() : Optional.of(ExecutionKey.decode(recorded.toString()));
    }

    @Override
    public void finish(Delivery<TaskMessage> task, JsonNode result, ExecutionKey progress, ResultMessage outcome) {
        TaskMessage message = task.message();
        String storedResult = result == null ? null : Json.write(result);
        String stream = resultStream(outcome);
        redis.run("finish " + describe(message), jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<?>> responses = new ArrayList<>();
                if (storedResult != null) {
                    responses.add(pipeline.hset(keys.results(message.executionId()),
                            RedisResultStore.field(message.nodeId(), message.attempt()), storedResult));
                }
                responses.add(pipeline.set(progressKey(message), progress.encode(),
                        SetParams.setParams().px(PROGRESS_TTL.toMillis())));
                responses.add(pipeline.xadd(stream, StreamEntryID.NEW_ENTRY, StreamMessageCodec.encode(outcome)));
                acknowledge(pipeline, task, responses);
                pipeline.sync();
                Pipelines.check(responses);
            }
        });
    }

    @Override
    public void settle(Delivery<TaskMessage> task, ResultMessage answer) {
        String stream = answer == null ? null : resultStream(answer);
        redis.run("settle " + describe(task.message()), jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<?>> responses = new ArrayList<>();
                if (stream != null) {
                    responses.add(pipeline.xadd(stream, StreamEntryID.NEW_ENTRY, StreamMessageCodec.encode(answer)));
                }
                acknowledge(pipeline, task, responses);
                pipeline.sync();
                Pipelines.check(responses);
            }
        });
    }

    private static void acknowledge(AbstractPipeline pipeline, Delivery<TaskMessage> task, List<Response<?>> responses) {
        StreamEntryID id = new StreamEntryID(task.id());
        responses.add(pipeline.xack(task.channel(), RedisKeys.TASK_GROUP, id));
        responses.add(pipeline.xdel(task.channel(), id));
    }

    private String progressKey(TaskMessage task) {
        return keys.idempotency(task.executionKey());
    }

    private String resultStream(ResultMessage result) {
        if (result.replyTo() == null || result.replyTo().isBlank()) {
            throw new IllegalArgumentException("Result of node '" + result.nodeId() + "' in execution "
                    + result.executionId() + " names no orchestrator to reply to");
        }
        return keys.resultStream(result.replyTo());
    }

    private static String describe(TaskMessage task) {
        return "attempt " + task.attempt() + " of node " + task.nodeId() + " in execution " + task.executionId();
    }
}
