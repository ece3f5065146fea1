package io.dagflow.redis;

import io.dagflow.transport.TaskAttempt;
import io.dagflow.worker.AttemptReporter;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes attempts back from the workers on Redis by marking their progress keys
 * {@code <attempt>:cancelled} in one script, so that the decision is atomic with the workers'
 * claim script (which refuses an attempt whose key records it as anything but running).
 */
final class RedisWithdrawals {

    /**
     * KEYS: the attempts' progress keys. ARGV: the keys' TTL in ms, 1 to mark claimed attempts
     * too, then per key the attempt. Returns per key 1 when the attempt will never start (no
     * worker had claimed it, or it was taken back before), 0 when a worker claimed it (it runs,
     * or ended, there).
     */
    private static final RedisScript WITHDRAW = new RedisScript("""
            local ttl = ARGV[1]
            local evenIfClaimed = ARGV[2] == '1'
            local answers = {}
            for i = 1, #KEYS do
              local wanted = tonumber(ARGV[2 + i])
              local cancelled = wanted .. ':cancelled'
              local recorded = redis.call('GET', KEYS[i])
              local attempt, state
              if recorded then
                attempt, state = string.match(recorded, '^(%d+):(%a+)')
                attempt = tonumber(attempt)
              end
              if not recorded or attempt == nil or attempt < wanted then
                redis.call('SET', KEYS[i], cancelled, 'PX', ttl)
                answers[i] = 1
              elseif attempt == wanted and state == 'cancelled' then
                answers[i] = 1
              else
                if evenIfClaimed and attempt == wanted and state == 'running' then
                  redis.call('SET', KEYS[i], cancelled, 'PX', ttl)
                end
                answers[i] = 0
              end
            end
            return answers
            """);

    private final RedisKeys keys;
    private final RedisExecutor redis;

    RedisWithdrawals(RedisKeys keys, RedisExecutor redis) {
        this.keys = keys;
        this.redis = redis;
    }

    List<Boolean> withdraw(List<TaskAttempt> attempts, boolean evenIfClaimed) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        List<String> scriptKeys = new ArrayList<>(attempts.size());
        List<String> args = new ArrayList<>(attempts.size() + 2);
        args.add(Long.toString(AttemptReporter.PROGRESS_TTL.toMillis()));
        args.add(evenIfClaimed ? "1" : "0");
        for (TaskAttempt attempt : attempts) {
            scriptKeys.add(keys.idempotency(attempt.executionKey()));
            args.add(Integer.toString(attempt.attempt()));
        }
        List<?> answers = (List<?>) redis.call("withdraw " + attempts.size() + " attempt(s)",
                jedis -> WITHDRAW.call(jedis, j -> WITHDRAW.eval(j, scriptKeys, args)));
        return answers.stream().map(answer -> answer instanceof Long value && value == 1L).toList();
    }
}
