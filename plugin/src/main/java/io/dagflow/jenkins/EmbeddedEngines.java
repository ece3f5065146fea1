package io.dagflow.jenkins;

import hudson.AbortException;
import hudson.init.Terminator;
import hudson.model.Run;
import io.dagflow.embedded.EmbeddedEngine;
import io.dagflow.handler.FairRunLimit;
import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.handler.builtin.BuiltinHandlers;
import io.dagflow.handler.builtin.CommandHandler;
import io.dagflow.handler.builtin.HttpDestinations;
import io.dagflow.handler.builtin.HttpHandler;
import io.dagflow.run.WorkflowEngine;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Embedded mode: one in-process engine per workflow call, with its stores in the build directory.
 * The {@code command} handler is registered but refuses to run: programs never run on the controller;
 * {@code http} calls only the destinations the administrator allows.
 */
public final class EmbeddedEngines {

    static final String COMMAND_REFUSED = "commands never run on the Jenkins controller: run this workflow with"
            + " mode: 'redis', on a dagflow worker that allows commands";

    private static final Set<EmbeddedEngine> OPEN = ConcurrentHashMap.newKeySet();
    /** Every embedded node of every build counts against it; builds take turns for free places. */
    private static final FairRunLimit LIMIT = new FairRunLimit(DagflowConfiguration.DEFAULT_EMBEDDED_NODE_LIMIT);

    private EmbeddedEngines() {
    }

    static EngineLease lease(Run<?, ?> run) throws AbortException {
        DagflowConfiguration settings = DagflowConfiguration.get();
        if (!settings.isEmbeddedAllowed()) {
            throw new AbortException("Embedded mode is disabled on this Jenkins (Manage Jenkins > System > "
                    + "DAG workflows): use mode: 'redis' to run on Redis-backed workers");
        }
        LIMIT.setLimit(settings.getEmbeddedNodeLimit());
        HandlerRegistry handlers = limited(handlers(), run.getExternalizableId());
        EmbeddedEngine embedded = EmbeddedEngine.builder(handlers)
                .stores(BuildStores.forEngine(run))
                .workers(settings.getEmbeddedWorkers())
                .build();
        OPEN.add(embedded);
        Set<String> known = handlers.types();
        return new EngineLease() {
            @Override
            public WorkflowEngine engine() {
                return embedded.engine();
            }

            @Override
            public Set<String> knownHandlers() {
                return known;
            }

            @Override
            public void close() {
                if (OPEN.remove(embedded)) {
                    embedded.close();
                }
            }
        };
    }

    static FairRunLimit limit() {
        return LIMIT;
    }

    private static HandlerRegistry limited(HandlerRegistry handlers, String build) {
        HandlerRegistry limited = new HandlerRegistry();
        for (String type : handlers.types()) {
            limited.register(LIMIT.limiting(build, handlers.find(type).orElseThrow()));
        }
        return limited;
    }

    static HandlerRegistry handlers() {
        HttpDestinations destinations = DagflowConfiguration.get().httpDestinations();
        HandlerRegistry registry = BuiltinHandlers.registry(false, destinations);
        for (HandlerContribution contribution : HandlerContribution.all()) {
            for (Handler handler : contribution.handlers()) {
                registry.register(handler);
            }
        }
        // Registered last so that no contribution can swap in a command handler that runs programs,
        // or an http handler that ignores the administrator's allowed hosts.
        return registry.register(new HttpHandler(destinations))
                .register(CommandHandler.refusing(COMMAND_REFUSED));
    }

    /**
     * Stops the engines of running workflows when Jenkins stops: their attempts are handed back
     * unfinished, and the steps resume the executions from the build directories when it starts.
     */
    @Terminator
    public static void shutdown() {
        for (EmbeddedEngine embedded : OPEN) {
            if (OPEN.remove(embedded)) {
                embedded.close();
            }
        }
    }
}
