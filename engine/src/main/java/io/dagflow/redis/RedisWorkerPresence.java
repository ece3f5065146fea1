package io.dagflow.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;

/**
 * Which queues live workers serve. A worker adds itself to each of its queues' sorted sets,
 * scored by when its presence expires, and renews that three times per {@link #TTL}; a worker
 * that died stops renewing and no longer counts once its score passed. Orchestrators ask before
 * a task waits on a queue, so that "no worker is serving queue 'gpu'" is said at once.
 */
final class RedisWorkerPresence {

    static final Duration TTL = Duration.ofSeconds(6);

    private static final Logger LOG = LoggerFactory.getLogger(RedisWorkerPresence.class);

    private final RedisKeys keys;
    private final RedisExecutor commands;

    RedisWorkerPresence(RedisKeys keys, RedisExecutor commands) {
        this.keys = keys;
        this.commands = commands;
    }

    AutoCloseable announce(String workerId, List<String> queues) {
        renew(workerId, queues);
        ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, workerId + "-presence");
            thread.setDaemon(true);
            return thread;
        });
        long period = TTL.toMillis() / 3;
        renewal.scheduleAtFixedRate(() -> renewQuietly(workerId, queues), period, period, TimeUnit.MILLISECONDS);
        return () -> {
            renewal.shutdownNow();
            try {
                commands.run("remove the presence of worker " + workerId, jedis -> {
                    try (AbstractPipeline pipeline = jedis.pipelined()) {
                        queues.forEach(queue -> pipeline.zrem(keys.workersOf(queue), workerId));
                        pipeline.sync();
                    }
                });
            } catch (RuntimeException e) {
                // Its score passes by itself.
                LOG.debug("could not remove the presence of worker {}: {}", workerId, e.toString());
            }
        };
    }

    boolean isServed(String queue) {
        long now = System.currentTimeMillis();
        long live = commands.call("count the workers of queue " + queue,
                jedis -> jedis.zcount(keys.workersOf(queue), "(" + now, "+inf"));
        return live > 0;
    }

    private void renew(String workerId, List<String> queues) {
        long now = System.currentTimeMillis();
        commands.run("renew the presence of worker " + workerId, jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String queue : queues) {
                    String key = keys.workersOf(queue);
                    pipeline.zadd(key, now + TTL.toMillis(), workerId);
                    // Workers that died are forgotten by whoever renews next.
                    pipeline.zremrangeByScore(key, "-inf", "(" + now);
                    pipeline.pexpire(key, 2 * TTL.toMillis());
                }
                pipeline.sync();
            }
        });
    }

    private void renewQuietly(String workerId, List<String> queues) {
        try {
            renew(workerId, queues);
        } catch (RuntimeException e) {
            // The worker meets the same failure when it reads tasks, and says so.
            LOG.debug("could not renew the presence of worker {}: {}", workerId, e.toString());
        }
    }
}
