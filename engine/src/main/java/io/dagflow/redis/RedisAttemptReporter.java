package io.dagflow.redis;

import io.dagflow.json.Json;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import io.dagflow.worker.AttemptReporter;
import io.dagflow.worker.ExecutionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A worker's writes on Redis in one round trip per batch of tasks (docs/protocol.md, "Round
 * trips"): claiming a batch is one script, which checks and sets the progress keys (and adds
 * STARTED to the orchestrator's result stream when asked to); ending a batch is one script.
 */
public final class RedisAttemptReporter implements AttemptReporter {

    /**
     * KEYS: per claim the progress key and the result stream (the progress key again when no
     * STARTED is sent). ARGV: the keys' TTL in ms; per claim the task's attempt, 1 when the copy
     * is a redelivery, the running value (naming the copy by its entry id) and the STARTED message
     * (empty for none). Returns per claim an empty string when claimed, else the recorded value.
     * Claims are decided in order, each seeing the ones before it, and written once all are
     * decided, so a value that cannot be read refuses the whole batch unchanged. The rule is
     * {@link ExecutionKey#allowsRun}'s: a claim tried again after its answer was lost finds its own
     * running value and claims again, instead of leaving the task to nobody.
     */
    private static final RedisScript CLAIM = new RedisScript("""
            local ttl = ARGV[1]
            local claims = #KEYS / 2
            local answers = {}
            local claimedHere = {}
            for i = 1, claims do
              local a = 2 + 4 * (i - 1)
              local key = KEYS[2 * i - 1]
              local recorded = claimedHere[key] or redis.call('GET', key)
              answers[i] = ''
              if recorded then
                local attempt, state = string.match(recorded, '^(%d+):(%a+)')
                if attempt == nil then
                  return redis.error_reply('BAD_PROGRESS ' .. key .. ' holds ' .. recorded)
                end
                attempt = tonumber(attempt)
                local wanted = tonumber(ARGV[a])
                if attempt > wanted then
                  answers[i] = recorded
                elseif attempt == wanted then
                  local claimedByThisCopy = recorded == ARGV[a + 2]
                  if not (state == 'running' and (ARGV[a + 1] == '1' or claimedByThisCopy)) then
                    answers[i] = recorded
                  end
                end
              end
              if answers[i] == '' then
                claimedHere[key] = ARGV[a + 2]
              end
            end
            for i = 1, claims do
              if answers[i] == '' then
                local a = 2 + 4 * (i - 1)
                redis.call('SET', KEYS[2 * i - 1], ARGV[a + 2], 'PX', ttl)
                if ARGV[a + 3] ~= '' then
                  redis.call('XADD', KEYS[2 * i], '*', '%MESSAGE%', ARGV[a + 3])
                end
              end
            end
            return answers
            """.replace("%MESSAGE%", RedisKeys.MESSAGE_FIELD));

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
            %ACKNOWLEDGE%
            return 0
            """.replace("%MESSAGE%", RedisKeys.MESSAGE_FIELD)
            .replace("%ACKNOWLEDGE%", ScriptAcknowledgements.lua(RedisKeys.TASK_GROUP)));

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
        List<String> scriptKeys = new ArrayList<>(2 * claims.size());
        List<String> args = new ArrayList<>(4 * claims.size() + 1);
        args.add(Long.toString(PROGRESS_TTL.toMillis()));
        for (Claim claim : claims) {
            TaskMessage message = claim.task().message();
            String progressKey = progressKey(message);
            scriptKeys.add(progressKey);
            scriptKeys.add(claim.started() == null ? progressKey : resultStream(claim.started()));
            args.add(Integer.toString(message.attempt()));
            args.add(claim.task().isRedelivery() ? "1" : "0");
            args.add(ExecutionKey.running(message.attempt(), claim.task().id()).encode());
            args.add(claim.started() == null ? "" : Json.write(claim.started()));
        }
        List<?> recorded = (List<?>) redis.call("claim " + describe(claims),
                jedis -> CLAIM.call(jedis, j -> CLAIM.eval(j, scriptKeys, args)));
        List<Optional<ExecutionKey>> answers = new ArrayList<>(recorded.size());
        for (Object value : recorded) {
            String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    : String.valueOf(value);
            answers.add(text.isEmpty() ? Optional.empty() : Optional.of(ExecutionKey.decode(text)));
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
        }
        ScriptAcknowledgements.add(endings.stream().map(Ending::task).toList(), scriptKeys, args);
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
