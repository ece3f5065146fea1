package io.dagflow.redis;

import io.dagflow.run.OrchestratorWrites;
import io.dagflow.store.Stores;
import io.dagflow.worker.AttemptReporter;

/**
 * Everything that runs on one Redis server: the transport and the stores, with the connection
 * pools they share. Closing the backend closes the pools; close it after the workers and
 * orchestrators that use it have stopped.
 */
public final class RedisBackend implements AutoCloseable {

    private final RedisConfig config;
    private final RedisKeys keys;
    private final RedisExecutor commands;
    private final RedisExecutor blocking;
    private final RedisTransport transport;
    private final Stores stores;

    private RedisBackend(RedisConfig config, RedisTransport.Settings settings) {
        this.config = config;
        this.keys = new RedisKeys(config.keyPrefix());
        this.commands = new RedisExecutor(config, RedisClients.commands(config));
        this.blocking = new RedisExecutor(config, RedisClients.blocking(config));
        this.transport = new RedisTransport(keys, commands, blocking, settings);
        this.stores = RedisStores.create(keys, commands);
    }

    /**
     * Connects and checks that the server answers and accepts the credentials.
     *
     * @throws RedisBackendException naming the server (never the password) when it does not
     */
    public static RedisBackend connect(RedisConfig config) {
        return connect(config, RedisTransport.Settings.DEFAULT);
    }

    public static RedisBackend connect(RedisConfig config, RedisTransport.Settings settings) {
        RedisBackend backend = new RedisBackend(config, settings);
        try {
            backend.commands.verify();
            return backend;
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    public RedisConfig config() {
        return config;
    }

    public RedisKeys keys() {
        return keys;
    }

    public RedisTransport transport() {
        return transport;
    }

    public Stores stores() {
        return stores;
    }

    /** A worker's grouped writes on this server: one round trip to claim a batch of tasks, one to end a batch. */
    public AttemptReporter attemptReporter() {
        return new RedisAttemptReporter(keys, commands);
    }

    /** An orchestrator's writes on this server: one script per batch of an execution's decisions. */
    public OrchestratorWrites orchestratorWrites() {
        return new RedisOrchestratorWrites(keys, commands);
    }

    /** Blocking reads made so far (each one round trip, however long it waited). */
    public long blockingRoundTrips() {
        return blocking.roundTrips();
    }

    /** The pool for ordinary commands, for tools that inspect or clean up keys. */
    public RedisExecutor commands() {
        return commands;
    }

    @Override
    public void close() {
        try {
            blocking.close();
        } finally {
            commands.close();
        }
    }
}
