package io.dagflow.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import io.dagflow.redis.RedisBackend;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.store.Stores;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Redis mode: one orchestrator per controller, shared by every workflow call, under the stable
 * orchestrator id of the global settings so that executions resumed after a restart get their
 * results. Changed settings apply once no call uses the current connection.
 *
 * <p>Pages that only read executions (timelines, reruns) get the stores of a connection of their
 * own when no orchestrator runs: reading never starts one. Connecting takes as long as the server
 * or its time-out takes, so it happens outside the lock that guards the fields; a lock per kind of
 * connection keeps two calls from connecting at once.
 */
@Extension
public final class RedisEngines {

    private static final Logger LOGGER = Logger.getLogger(RedisEngines.class.getName());

    private final Object connectingEngine = new Object();
    private final Object connectingReader = new Object();

    private RedisSettings settingsInUse;
    private RedisBackend backend;
    private WorkflowEngine engine;
    private int leases;

    private RedisSettings readerSettings;
    private RedisBackend reader;

    static RedisEngines get() {
        return ExtensionList.lookupSingleton(RedisEngines.class);
    }

    EngineLease lease() throws AbortException {
        WorkflowEngine leased = leaseEngine();
        return new EngineLease() {
            private boolean closed;

            @Override
            public WorkflowEngine engine() {
                return leased;
            }

            @Override
            public Set<String> knownHandlers() {
                return null;
            }

            @Override
            public void close() {
                synchronized (RedisEngines.this) {
                    if (!closed) {
                        closed = true;
                        leases--;
                    }
                }
            }
        };
    }

    /** The stores of the Redis backend, for reading executions (timelines, reruns). */
    Stores stores() throws AbortException {
        RedisSettings wanted = DagflowConfiguration.get().redisSettings();
        Stores current = connectedStores(wanted);
        if (current != null) {
            return current;
        }
        synchronized (connectingReader) {
            current = connectedStores(wanted);
            if (current != null) {
                return current;
            }
            RedisBackend connected = RedisConnector.connect(wanted);
            RedisBackend replaced;
            synchronized (this) {
                replaced = reader;
                reader = connected;
                readerSettings = wanted;
            }
            if (replaced != null) {
                replaced.close();
            }
            return connected.stores();
        }
    }

    /** Whether an orchestrator runs on this controller. */
    synchronized boolean isOrchestrating() {
        return engine != null;
    }

    private synchronized Stores connectedStores(RedisSettings wanted) {
        if (engine != null && wanted.equals(settingsInUse)) {
            return backend.stores();
        }
        if (reader != null && wanted.equals(readerSettings)) {
            return reader.stores();
        }
        return null;
    }

    private WorkflowEngine leaseEngine() throws AbortException {
        RedisSettings wanted = DagflowConfiguration.get().redisSettings();
        WorkflowEngine current = leaseCurrent(wanted);
        if (current != null) {
            return current;
        }
        synchronized (connectingEngine) {
            current = leaseCurrent(wanted);
            if (current != null) {
                return current;
            }
            RedisBackend connected = RedisConnector.connect(wanted);
            WorkflowEngine built;
            try {
                built = WorkflowEngine.builder(connected.transport(), connected.stores())
                        .orchestratorWrites(connected.orchestratorWrites())
                        .orchestratorId(DagflowConfiguration.get().orchestratorId())
                        .build();
            } catch (RuntimeException e) {
                connected.close();
                throw e;
            }
            WorkflowEngine replacedEngine;
            RedisBackend replacedBackend;
            synchronized (this) {
                replacedEngine = engine;
                replacedBackend = backend;
                engine = built;
                backend = connected;
                settingsInUse = wanted;
                leases++;
            }
            close(replacedEngine, replacedBackend);
            return built;
        }
    }

    /**
     * Leases the current engine when it may serve: its settings are wanted, or calls still use it
     * (changed settings wait for them to end). Null when a new one must be connected; only then
     * (no lease, so nothing runs on it) may the current one be replaced.
     */
    private synchronized WorkflowEngine leaseCurrent(RedisSettings wanted) {
        if (engine != null && (wanted.equals(settingsInUse) || leases > 0)) {
            leases++;
            return engine;
        }
        return null;
    }

    private void closeAll() {
        WorkflowEngine closingEngine;
        RedisBackend closingBackend;
        RedisBackend closingReader;
        synchronized (this) {
            closingEngine = engine;
            closingBackend = backend;
            closingReader = reader;
            engine = null;
            backend = null;
            settingsInUse = null;
            reader = null;
            readerSettings = null;
        }
        try {
            close(closingEngine, closingBackend);
        } finally {
            if (closingReader != null) {
                closingReader.close();
            }
        }
    }

    private static void close(WorkflowEngine engine, RedisBackend backend) {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            if (backend != null) {
                backend.close();
            }
        }
    }

    /** Running executions stay in Redis; they are resumed when Jenkins starts again. */
    @Terminator
    public static void shutdown() {
        try {
            get().closeAll();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "closing the Redis connection of DAG workflows failed", e);
        }
    }
}
