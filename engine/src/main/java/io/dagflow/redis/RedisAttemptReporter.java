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
 * script.
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

    /**
     * KEYS: per ending the execution's results hash, the progress key and the result stream;
     * then each task stream to acknowledge on. ARGV: the number of endings, the progress TTL in
     * ms; per ending the result's field and JSON, the attempt, the progress value and the
     * outcome message (each empty when there is none); the number of task streams and, per
     * stream, the number of ids and the ids.
     *
     * <p>One script, so that the acknowledgements run only when every write before them did: a
     * server out of memory refuses the first write and the tasks stay pending. Progress is not
     * written over a newer attempt's (an attempt that ended after its time-out, while the next
     * one runs), so copies of the newer attempt stay blocked.
     */
    private static final RedisScript END = new RedisScript("""
            local k = 1
            local a = 3
            local ttl = ARGV[2]
            for i = 1, tonumber(ARGV[1]) do
              if ARGV[a] ~= '' then
                redis.call('HSET', KEYS[k], ARGV[a], ARGV[a + 1])
              end
              if ARGV[a + 3] ~= '' then
                local recorded = redis.call('GET', KEYS[k + 1])
                local recordedAttempt = recorded and tonumber(string.match(recorded, '^(%d+)'))
                if not recordedAttempt or recordedAttempt <= tonumber(ARGV[a + 2]) then
                  redis.call('SET', KEYS[k + 1], ARGV[a + 3], 'PX', ttl)
                end
              end
              if ARGV[a + 4] ~= '' then
                redis.call('XADD', KEYS[k + 2], '*', '%MESSAGE%', ARGV[a + 4])
              end
              k = k + 3
              a = a + 5
            end
            local streams = tonumber(ARGV[a])
            a = a + 1
            for s = 1, streams do
              local ids = tonumber(ARGV[a])
              a = a + 1
              redis.call('XACK', KEYS[k], '%GROUP%', unpack(ARGV, a, a + ids - 1))
              redis.call('XDEL', KEYS[k], unpack(ARGV, a, a + ids - 1))
              a = a + ids
              k = k + 1
            end
            return 0
            """.replace("%MESSAGE%", RedisKeys.MESSAGE_FIELD).replace("%GROUP%", RedisKeys.TASK_GROUP));

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

    /** One script: each task's result, progress and outcome, then the acknowledgements, a stream at a time. */
    @Override
    public void endAll(List<Ending> endings) {
        if (endings.isEmpty()) {
            return;
        }
        List<String> scriptKeys = new ArrayList<>(3 * endings.size() + 2);
        List<String> args = new ArrayList<>(5 * endings.size() + 4);
        args.add(Integer.toString(endings.size()));
        args.add(Long.toString(PROGRESS_TTL.toMillis()));
        Map<String, List<String>> acks = new LinkedHashMap<>();
        for (Ending ending : endings) {
            TaskMessage message = ending.task().message();
            scriptKeys.add(keys.results(message.executionId()));
            scriptKeys.add(progressKey(message));
            // A settled copy without an answer sends nothing; its task's stream stands in, unused.
            scriptKeys.add(ending.message() == null ? ending.task().channel() : resultStream(ending.message()));
            args.add(ending.result() == null ? "" : RedisResultStore.field(message.nodeId(), message.attempt()));
            args.add(ending.result() == null ? "" : Json.write(ending.result()));
            args.add(Integer.toString(message.attempt()));
            args.add(ending.ran() ? ending.progress().encode() : "");
            args.add(ending.message() == null ? "" : Json.write(ending.message()));
            acks.computeIfAbsent(ending.task().channel(), stream -> new ArrayList<>()).add(ending.task().id());
        }
        args.add(Integer.toString(acks.size()));
        acks.forEach((stream, ids) -> {
            scriptKeys.add(stream);
            args.add(Integer.toString(ids.size()));
            args.addAll(ids);
        });
        redis.run("end " + endings.size() + " task(s)",
                jedis -> END.call(jedis, j -> END.eval(j, scriptKeys, args)));
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
