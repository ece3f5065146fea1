package io.dagflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.Dag;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.report.Printable;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.store.StoredDefinition;
import io.dagflow.store.Stores;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.Transport;
import io.dagflow.validation.WorkflowLoader;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator: starts, resumes and cancels executions, and routes every result that comes
 * back to the execution it belongs to. Each execution has its own single writer
 * ({@link ExecutionRun}); they share a small thread pool, so thousands of executions cost no
 * thread each. One result listener serves them all: routing a result is a map look-up, whatever
 * the number of executions.
 */
public final class WorkflowEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowEngine.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EngineContext context;
    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final Map<String, ExecutionRun> runs = new ConcurrentHashMap<>();
    private final Map<String, List<Delivery<ResultMessage>>> parked = new java.util.HashMap<>();
    private final Thread resultListener;
    private volatile boolean closed;

    private WorkflowEngine(Builder builder) {
        this.executor = Executors.newFixedThreadPool(builder.threads, daemonThreads("dagflow-exec"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("dagflow-timers"));
        this.context = new EngineContext(builder.orchestratorId, builder.transport, builder.stores, builder.writes,
                builder.definitionParser, executor, timers, builder.clock,
                new QueuePresence(builder.transport, builder.clock::millis));
        this.resultListener = daemonThreads("dagflow-results").newThread(this::listenForResults);
        this.resultListener.start();
    }

    public static Builder builder(Transport transport, Stores stores) {
        return new Builder(transport, stores);
    }

    public String orchestratorId() {
        return context.orchestratorId();
    }

    public Stores stores() {
        return context.stores();
    }

    /** Starts a new execution of a validated definition. */
    public ExecutionHandle start(WorkflowDefinition definition, JsonNode inputs, StartOptions options) {
        return start(Dag.of(definition), inputs, options);
    }

    /** Starts a new execution of an already indexed definition. */
    public ExecutionHandle start(Dag dag, JsonNode inputs, StartOptions options) {
        ensureOpen();
        String executionId = options.executionId() != null ? options.executionId() : newExecutionId();
        JsonNode given = inputs == null || inputs.isNull() ? Json.object() : inputs;
        StoredDefinition stored = context.stores().definitions().save(dag.name(), dag.definition().source());
        ExecutionRecord record = new ExecutionRecord(executionId, dag.name(), stored.version(),
                WorkflowStatus.RUNNING, context.now(), 0, given, options.rerunOf(), context.orchestratorId(),
                Map.of(), null, null);
        if (context.stores().executions().find(executionId).isPresent()) {
            throw new IllegalArgumentException("execution " + executionId + " already exists");
        }
        context.stores().executions().save(record);
        ExecutionRun run = new ExecutionRun(context, new ExecutionState(executionId, dag), record,
                options.listeners(), options.reused(), this::forget);
        register(run);
        run.post(new Signal.Begin(false));
        return run;
    }

    /**
     * Takes over an unfinished execution from its stored events (after the orchestrator that ran
     * it stopped): completed nodes are not run again, in-flight results are still taken, timers
     * continue from their stored times.
     */
    public ExecutionHandle resume(String executionId, List<ExecutionListener> listeners) {
        ensureOpen();
        ExecutionRun running = runs.get(executionId);
        if (running != null) {
            return running;
        }
        ExecutionRecord record = context.stores().executions().find(executionId)
                .orElseThrow(() -> new IllegalArgumentException("no execution " + executionId));
        List<WorkflowEvent> events = context.stores().events().read(executionId);
        if (events.isEmpty()) {
            throw new IllegalStateException("execution " + executionId + " has no events to resume from");
        }
        ExecutionState state = ExecutionState.replay(events, context.definitionParser());
        ExecutionRun run = new ExecutionRun(context, state, record, listeners, Map.of(), this::forget);
        if (state.status().isTerminal()) {
            run.completion().complete(run.snapshot());
            return run;
        }
        register(run);
        run.post(new Signal.Begin(true));
        return run;
    }

    /** The execution if this engine runs it now. */
    public Optional<ExecutionHandle> running(String executionId) {
        return Optional.ofNullable(runs.get(executionId));
    }

    /**
     * Cancels an execution wherever its orchestrator runs: directly when it runs here, otherwise
     * through the owning orchestrator's inbox on the shared transport.
     */
    public void cancel(String executionId, String reason) {
        ExecutionRun run = runs.get(executionId);
        if (run != null) {
            run.cancel(reason);
            return;
        }
        requestCancel(context.transport(), context.stores(), executionId, reason);
    }

    /**
     * Asks the orchestrator that owns an execution to cancel it, through its inbox on the shared
     * transport, without being an orchestrator: for tools that only send the request.
     *
     * @return the owner the request was sent to
     * @throws IllegalArgumentException when there is no such execution
     * @throws IllegalStateException when it already ended
     */
    public static String requestCancel(Transport transport, Stores stores, String executionId, String reason) {
        ExecutionRecord record = stores.executions().find(executionId)
                .orElseThrow(() -> new IllegalArgumentException("no execution " + executionId));
        if (record.status().isTerminal()) {
            throw new IllegalStateException("execution " + executionId + " already ended " + record.status());
        }
        transport.sendResults(List.of(ResultMessage.cancelRequest(executionId, record.owner(), reason)));
        return record.owner();
    }

    private void register(ExecutionRun run) {
        List<Delivery<ResultMessage>> waiting;
        synchronized (parked) {
            runs.put(run.executionId(), run);
            waiting = parked.remove(run.executionId());
        }
        if (waiting != null) {
            waiting.forEach(delivery -> run.post(new Signal.ResultArrived(delivery)));
        }
    }

    private void forget(ExecutionRun run) {
        runs.remove(run.executionId(), run);
    }

    private void listenForResults() {
        int failures = 0;
        while (!closed) {
            List<Delivery<ResultMessage>> batch;
            try {
                batch = context.transport().receiveResults(context.orchestratorId(), 1024, Duration.ofMillis(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                failures++;
                LOG.warn("reading results failed, retrying: {}", e.toString());
                backOffAfterTransportFailure(failures);
                continue;
            }
            failures = 0;
            ExecutionRun sole = soleRun(batch);
            if (sole != null) {
                runHere(sole, batch);
            } else {
                for (Delivery<ResultMessage> delivery : batch) {
                    route(delivery);
                }
            }
        }
    }

    /** The execution running here that every result of the batch belongs to, if there is one. */
    private ExecutionRun soleRun(List<Delivery<ResultMessage>> batch) {
        if (batch.isEmpty()) {
            return null;
        }
        String executionId = batch.get(0).message().executionId();
        for (Delivery<ResultMessage> delivery : batch) {
            if (!executionId.equals(delivery.message().executionId())) {
                return null;
            }
        }
        return runs.get(executionId);
    }

    /**
     * Handles a batch of one execution's results on this thread when that execution is idle.
     * Handing it to the pool would cost a thread wake-up per batch, which for a lone execution
     * (a chain: one result at a time) is a large part of each node's cost. Batches that mix
     * executions still go to the pool, so executions keep running in parallel.
     */
    private void runHere(ExecutionRun run, List<Delivery<ResultMessage>> batch) {
        boolean claimed = false;
        for (Delivery<ResultMessage> delivery : batch) {
            claimed |= run.offer(new Signal.ResultArrived(delivery));
        }
        if (claimed) {
            run.run();
        }
    }

    private void route(Delivery<ResultMessage> delivery) {
        String executionId = delivery.message().executionId();
        ExecutionRun run = runs.get(executionId);
        if (run != null) {
            run.post(new Signal.ResultArrived(delivery));
            return;
        }
        Optional<ExecutionRecord> record = context.stores().executions().find(executionId);
        String stray = record.isEmpty() ? "execution " + Printable.inline(executionId) + " does not exist"
                : isOwnedElsewhere(record.get()) ? "execution " + Printable.inline(executionId)
                        + " is owned by orchestrator " + Printable.inline(record.get().owner())
                : null;
        if (stray != null) {
            // No orchestrator with this id will ever take it: left pending it would come back forever.
            context.transport().deadLetterResults(context.orchestratorId(), List.of(delivery), stray);
            return;
        }
        if (record.get().status().isTerminal()) {
            context.transport().ackResults(List.of(delivery));
            return;
        }
        ExecutionRun late;
        synchronized (parked) {
            late = runs.get(executionId);
            if (late == null) {
                // Its execution is not running here yet (it is being resumed): keep it, unacknowledged.
                parked.computeIfAbsent(executionId, id -> new ArrayList<>()).add(delivery);
                return;
            }
        }
        late.post(new Signal.ResultArrived(delivery));
    }

    /**
     * A resumed execution keeps its owner's id, so an orchestrator with another id never runs it.
     * A record without an owner could be this orchestrator's.
     */
    private boolean isOwnedElsewhere(ExecutionRecord record) {
        return record.owner() != null && !record.owner().equals(context.orchestratorId());
    }

    /** 200 ms after a first failure, doubling up to 2 s. */
    private static void backOffAfterTransportFailure(int failures) {
        try {
            // Not synchronisation: a pause before retrying a failed connection, so a Redis restart
            // is not met with a busy loop.
            Thread.sleep(Math.min(2000, 200L << Math.min(failures - 1, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
    }

    /**
     * Stops routing results and drops running executions from memory; their state stays in the
     * stores and they can be resumed.
     */
    @Override
    public void close() {
        closed = true;
        resultListener.interrupt();
        try {
            resultListener.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        executor.shutdown();
    }

    public static String newExecutionId() {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return Long.toString(System.currentTimeMillis(), 36) + "-" + HexFormat.of().formatHex(random);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures an engine. */
    public static final class Builder {
        private final Transport transport;
        private final Stores stores;
        private String orchestratorId = "orchestrator-" + HexFormat.of().formatHex(randomBytes());
        private Function<String, WorkflowDefinition> definitionParser;
        private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private Clock clock = Clock.systemUTC();
        private OrchestratorWrites writes;

        private Builder(Transport transport, Stores stores) {
            this.transport = Objects.requireNonNull(transport);
            this.stores = Objects.requireNonNull(stores);
        }

        /**
         * A stable id makes results find their way back after a restart: an orchestrator that
         * resumes another's executions takes that orchestrator's id.
         */
        public Builder orchestratorId(String id) {
            this.orchestratorId = Objects.requireNonNull(id);
            return this;
        }

        /** How recorded definition text is turned back into a definition when resuming (default: the loader). */
        public Builder definitionParser(Function<String, WorkflowDefinition> parser) {
            this.definitionParser = parser;
            return this;
        }

        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * How executions write their decisions; by default one call per step on the transport and
         * the stores. A backend's own (such as {@code RedisBackend.orchestratorWrites()}) makes a
         * batch one round trip.
         */
        public Builder orchestratorWrites(OrchestratorWrites value) {
            this.writes = Objects.requireNonNull(value);
            return this;
        }

        public WorkflowEngine build() {
            if (writes == null) {
                writes = OrchestratorWrites.separateCalls(transport, stores);
            }
            if (definitionParser == null) {
                definitionParser = source -> WorkflowLoader.parseRecorded(source, "a recorded definition");
            }
            return new WorkflowEngine(this);
        }

        private static byte[] randomBytes() {
            byte[] bytes = new byte[4];
            RANDOM.nextBytes(bytes);
            return bytes;
        }
    }
}
