package io.dagflow.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

/**
 * Tells whether an orchestrator runs. While it runs it keeps the key
 * {@code {prefix}:orchestrator:<id>} alive: set with a {@link #TTL} and renewed three times per
 * TTL. An orchestrator that crashed stops renewing, and its key expires. Tools look at the key
 * before they take over an orchestrator's executions, because taking over a live one would run
 * them twice.
 */
public final class OrchestratorPresence implements AutoCloseable {

    public static final Duration TTL = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorPresence.class);

    private final RedisBackend backend;
    private final String key;
    private final String description;
    private final ScheduledExecutorService renewal;

    private OrchestratorPresence(RedisBackend backend, String orchestratorId, String description) {
        this.backend = backend;
        this.key = backend.keys().orchestratorPresence(orchestratorId);
        this.description = description;
        this.renewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dagflow-presence-" + orchestratorId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sets the key now and keeps renewing it until {@link #close()}.
     *
     * @param description what the key holds, for people looking (host and process)
     */
    public static OrchestratorPresence announce(RedisBackend backend, String orchestratorId, String description) {
        OrchestratorPresence presence = new OrchestratorPresence(backend, orchestratorId, description);
        presence.renew();
        long period = TTL.toMillis() / 3;
        presence.renewal.scheduleAtFixedRate(presence::renewQuietly, period, period, TimeUnit.MILLISECONDS);
        return presence;
    }

    /** How long the orchestrator's key lives on if it is not renewed; empty when there is none. */
    public static Optional<Duration> expiresIn(RedisBackend backend, String orchestratorId) {
        String key = backend.keys().orchestratorPresence(orchestratorId);
        long millis = backend.commands().call("look for orchestrator " + orchestratorId, jedis -> jedis.pttl(key));
        // -2: no such key; -1: a key without TTL, which this class never writes.
        return millis == -2 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, millis)));
    }

    private void renew() {
        backend.commands().run("renew the presence key " + key,
                jedis -> jedis.set(key, description, SetParams.setParams().px(TTL.toMillis())));
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException e) {
            // The orchestrator meets the same failure and says so; renewal goes on at the next period.
            LOG.debug("could not renew {}: {}", key, e.toString());
        }
    }

    /** Stops renewing and removes the key: this orchestrator no longer runs anything. */
    @Override
    public void close() {
        renewal.shutdownNow();
        try {
            backend.commands().run("remove the presence key " + key, jedis -> jedis.del(key));
        } catch (RuntimeException e) {
            // It expires by itself.
            LOG.debug("could not remove {}: {}", key, e.toString());
        }
    }
}
