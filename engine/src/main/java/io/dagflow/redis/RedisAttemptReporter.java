package io.dagflow.redis;

import io.dagflow.json.Json;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.worker.AttemptReporter;
import io.dagflow.worker.ExecutionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.SetParams;

/**
 * A worker's writes on Redis in one round trip per batch of tasks (docs/protocol.md, "Round
 * trips"): claiming is one script per task, which checks and sets the progress key and adds
 * STARTED to the orchestrator's result stream, all in one pipeline; ending a batch is one
 * pipeline too.
 */
public final class RedisAttemptReporter implements AttemptReporter {

    /**
     * KEYS: the progress key, and the result stream when STARTED is sent. ARGV: the task's
     * attempt, 1 when the copy is a redelivery, the running value (naming the copy by its entry
     * id), the key's TTL in ms, and the STARTED message when it is sent. Returns nil when claimed, else the recorded value. The rule is
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
            if #KEYS > 1 then
              redis.call('XADD', KEYS[2], '*', 'm', ARGV[5])
            end
            return false
            """;

    private static final RedisScript CLAIM = new RedisScript(CLAIM_SCRIPT);

    private final RedisKeys keys;
    private final RedisExecutor redis;

    public RedisAttemptReporter(RedisKeys keys, RedisExecutor redis) {
        this.keys = keys;
        this.redis = redis;
    }

    /** One pipeline of claim scripts, one per task. */
    @Override
    public List<Optional<ExecutionKey>> claimAll(List<Claim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        List<List<String>> keysPerClaim = new ArrayList<>(claims.size());
        List<List<String>> argsPerClaim = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            TaskMessage message = claim.task().message();
            List<String> args = new ArrayList<>(List.of(Integer.toString(message.attempt()),
                    claim.task().isRedelivery() ? "1" : "0",
                    ExecutionKey.running(message.attempt(), claim.task().id()).encode(),
                    Long.toString(PROGRESS_TTL.toMillis())));
            if (claim.started() == null) {
                keysPerClaim.add(List.of(progressKey(message)));
            } else {
                keysPerClaim.add(List.of(progressKey(message), resultStream(claim.started())));
                args.add(Json.write(claim.started()));
            }
            argsPerClaim.add(args);
        }
        List<Object> recorded = redis.call("claim " + describe(claims), jedis -> CLAIM.call(jedis, j -> {
            try (AbstractPipeline pipeline = j.pipelined()) {
                List<Response<Object>> responses = new ArrayList<>(claims.size());
                for (int i = 0; i < claims.size(); i++) {
                    responses.add(CLAIM.addTo(pipeline, keysPerClaim.get(i), argsPerClaim.get(i)));
                }
                pipeline.sync();
                List<Object> values = new ArrayList<>(responses.size());
                for (Response<Object> response : responses) {
                    values.add(response.get());
                }
                return values;
            }
        }));
        List<Optional<ExecutionKey>> answers = new ArrayList<>(recorded.size());
        for (Object value : recorded) {
            answers.add(value == null ? Optional.empty() : Optional.of(ExecutionKey.decode(value.toString())));
        }
        return answers;
    }

    /** One pipeline: each task's result, progress and outcome, then the acknowledgements, a stream at a time. */
    @Override
    public void endAll(List<Ending> endings) {
        if (endings.isEmpty()) {
            return;
        }
        List<Map<String, String>> outcomes = new ArrayList<>(endings.size());
        List<String> storedResults = new ArrayList<>(endings.size());
        for (Ending ending : endings) {
            outcomes.add(ending.message() == null ? null : StreamMessageCodec.encode(ending.message()));
            storedResults.add(ending.result() == null ? null : Json.write(ending.result()));
        }
        Map<String, List<StreamEntryID>> acks = new LinkedHashMap<>();
        for (Ending ending : endings) {
            acks.computeIfAbsent(ending.task().channel(), stream -> new ArrayList<>())
                    .add(new StreamEntryID(ending.task().id()));
        }
        redis.run("end " + endings.size() + " task(s)", jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                List<Response<?>> responses = new ArrayList<>();
                for (int i = 0; i < endings.size(); i++) {
                    Ending ending = endings.get(i);
                    TaskMessage message = ending.task().message();
                    if (storedResults.get(i) != null) {
                        responses.add(pipeline.hset(keys.results(message.executionId()),
                                RedisResultStore.field(message.nodeId(), message.attempt()), storedResults.get(i)));
                    }
                    if (ending.ran()) {
                        responses.add(pipeline.set(progressKey(message), ending.progress().encode(),
                                SetParams.setParams().px(PROGRESS_TTL.toMillis())));
                    }
                    if (outcomes.get(i) != null) {
                        responses.add(pipeline.xadd(resultStream(ending.message()), StreamEntryID.NEW_ENTRY,
                                outcomes.get(i)));
                    }
                }
                acks.forEach((stream, ids) -> {
                    StreamEntryID[] array = ids.toArray(StreamEntryID[]::new);
                    responses.add(pipeline.xack(stream, RedisKeys.TASK_GROUP, array));
                    responses.add(pipeline.xdel(stream, array));
                });
                pipeline.sync();
                Pipelines.check(responses);
            }
        });
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

    private static String describe(List<Claim> claims) {
        if (claims.size() > 1) {
            return claims.size() + " tasks";
        }
        TaskMessage task = claims.get(0).task().message();
        return "attempt " + task.attempt() + " of node " + task.nodeId() + " in execution " + task.executionId();
    }
}
