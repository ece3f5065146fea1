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
 */
@Extension
public final class RedisEngines {

    private static final Logger LOGGER = Logger.getLogger(RedisEngines.class.getName());

    private RedisSettings settingsInUse;
    private RedisBackend backend;
    private WorkflowEngine engine;
    private int leases;

    static RedisEngines get() {
        return ExtensionList.lookupSingleton(RedisEngines.class);
    }

    EngineLease lease() throws AbortException {
        WorkflowEngine leased;
        synchronized (this) {
            leased = open();
            leases++;
        }
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
    synchronized Stores stores() throws AbortException {
        open();
        return backend.stores();
    }

    private WorkflowEngine open() throws AbortException {
        RedisSettings wanted = DagflowConfiguration.get().redisSettings();
        if (engine != null && !wanted.equals(settingsInUse) && leases == 0) {
            close();
        }
        if (engine == null) {
            RedisBackend connected = RedisConnector.connect(wanted);
            engine = WorkflowEngine.builder(connected.transport(), connected.stores())
                    .orchestratorWrites(connected.orchestratorWrites())
                    .orchestratorId(DagflowConfiguration.get().orchestratorId())
                    .build();
            backend = connected;
            settingsInUse = wanted;
        }
        return engine;
    }

    private synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
        if (backend != null) {
            backend.close();
            backend = null;
        }
        settingsInUse = null;
    }

    /** Running executions stay in Redis; they are resumed when Jenkins starts again. */
    @Terminator
    public static void shutdown() {
        try {
            get().close();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "closing the Redis connection of DAG workflows failed", e);
        }
    }
}
