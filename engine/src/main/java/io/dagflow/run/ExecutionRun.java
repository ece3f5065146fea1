package io.dagflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.Dag;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.RetryPolicy;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.store.BackendException;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.template.TemplateException;
import io.dagflow.template.TemplateResolver;
import io.dagflow.template.TemplateScope;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one execution. Signals (results, timers, cancellation) are posted to its
 * mailbox from any thread; one thread at a time drains it, decides, and records each decision as
 * an event before acting on it. A drained batch is flushed in one go: events appended, then the
 * dispatch keys of its new attempts taken (one call for the batch), then tasks sent and the
 * handled results acknowledged, so that nothing is acknowledged before the state change it
 * caused is stored.
 */
final class ExecutionRun implements Runnable, ExecutionHandle, Decisions {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRun.class);
    private static final int SIGNALS_PER_DRAIN = 4096;
    private static final long MAX_FLUSH_BACKOFF_MILLIS = 2000;

    private final EngineContext engine;
    private final ExecutionState state;
    private final Dag dag;
    private final JsonNode[] results;
    private final List<ExecutionListener> listeners;
    private final Map<String, ReusedNode> reused;
    private final ExecutionRecord initialRecord;
    private final Consumer<ExecutionRun> onFinished;
    private final ObjectNode workflowScope;

    private final ConcurrentLinkedQueue<Signal> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final CompletableFuture<ExecutionResult> completion = new CompletableFuture<>();

    private final PendingWrites pending = new PendingWrites();
    private final Withdrawals withdrawals = new Withdrawals();
    private final Stops stops;
    private final UnservedQueues unservedQueues;
    private final Conditions conditions;
    private final Dependents dependents;
    private final ParallelLimit parallelLimit;
    private boolean finishedAndFlushed;
    private int flushFailures;

    ExecutionRun(
            EngineContext engine,
            ExecutionState state,
            ExecutionRecord initialRecord,
            List<ExecutionListener> listeners,
            Map<String, ReusedNode> reused,
            Consumer<ExecutionRun> onFinished) {
        this.engine = engine;
        this.state = state;
        this.dag = state.dag();
        this.results = new JsonNode[dag.size()];
        this.initialRecord = initialRecord;
        this.listeners = List.copyOf(listeners);
        this.reused = reused;
        this.onFinished = onFinished;
        this.workflowScope = Json.object();
        this.unservedQueues = new UnservedQueues(state, engine.presence());
        this.conditions = new Conditions(dag);
        this.parallelLimit = new ParallelLimit(dag.definition().maxParallel(), state);
        this.dependents = new Dependents(state, this);
        this.stops = new Stops(state, withdrawals, this);
    }

    @Override
    public String executionId() {
        return state.executionId();
    }

    @Override
    public CompletableFuture<ExecutionResult> completion() {
        return completion;
    }

    @Override
    public void cancel(String reason) {
        post(new Signal.Cancel(reason == null ? "cancelled" : reason));
    }

    void post(Signal signal) {
        if (offer(signal)) {
            engine.executor().execute(this);
        }
    }

    /**
     * Adds a signal to the mailbox. Returns true when the caller thereby became the execution's
     * writer: it must then call {@link #run} itself or hand this run to an executor.
     */
    boolean offer(Signal signal) {
        mailbox.add(signal);
        return scheduled.compareAndSet(false, true);
    }

    @Override
    public void run() {
        boolean carryOn;
        try {
            carryOn = drainAndFlush();
        } finally {
            scheduled.set(false);
        }
        if (carryOn && !mailbox.isEmpty() && !completion.isDone() && scheduled.compareAndSet(false, true)) {
            engine.executor().execute(this);
        }
    }

    /** Handles waiting signals, then writes what they decided; false when the run stopped or waits for its backend. */
    private boolean drainAndFlush() {
        try {
            int handled = 0;
            Signal signal;
            while (handled < SIGNALS_PER_DRAIN && (signal = mailbox.poll()) != null) {
                handle(signal);
                handled++;
            }
        } catch (RuntimeException | Error e) {
            // A store failed in the middle of a decision, so the state here may be ahead of the stored
            // events: stop; the execution resumes from its stored events.
            stop(e);
            return false;
        }
        try {
            flush();
            flushFailures = 0;
            return true;
        } catch (BackendException e) {
            if (!e.isTransient()) {
                stop(e);
                return false;
            }
            // The backend is unreachable (restarting): what was not written stays pending, in order,
            // and is written on the next try; results are acknowledged only after that.
            flushFailures++;
            long backoff = Math.min(MAX_FLUSH_BACKOFF_MILLIS, 100L << Math.min(flushFailures, 5));
            LOG.warn("execution {} could not write to its backend, trying again in {} ms: {}", executionId(), backoff,
                    e.getMessage());
            engine.timers().schedule(() -> post(new Signal.WriteAgain()), backoff, TimeUnit.MILLISECONDS);
            return false;
        } catch (RuntimeException | Error e) {
            stop(e);
            return false;
        }
    }

    private void stop(Throwable e) {
        // Nothing of this batch was acknowledged, so its results stay with the transport and the
        // execution can be resumed from its stored events.
        LOG.error("execution {} stopped: {}", executionId(), e.toString(), e);
        completion.completeExceptionally(e);
        onFinished.accept(this);
    }

    private void handle(Signal signal) {
        if (state.status().isTerminal()) {
            if (signal instanceof Signal.ResultArrived arrived) {
                pending.acks.add(arrived.delivery());
            }
            return;
        }
        if (signal instanceof Signal.Begin begin) {
            begin(begin.resumed());
        } else if (signal instanceof Signal.ResultArrived arrived) {
            onResult(arrived.delivery());
        } else if (signal instanceof Signal.TimeoutDue due) {
            onTimeout(due.node(), due.attempt());
        } else if (signal instanceof Signal.RetryDue due) {
            onRetryDue(due.node(), due.attempt());
        } else if (signal instanceof Signal.Cancel cancel) {
            stops.requestCancel(cancel.reason(), null);
        } else if (signal instanceof Signal.QueueTimeoutDue due) {
            stops.onQueueTimeout(due.node(), due.attempt());
        } else if (signal instanceof Signal.Withdrawn withdrawn) {
            stops.onWithdrawn(withdrawn.answers());
        } else if (signal instanceof Signal.DeadlineDue) {
            stops.onDeadline();
        } else if (signal instanceof Signal.CancelGraceOver) {
            stops.onGraceOver();
        } else if (signal instanceof Signal.QueueUnserved unserved) {
            ObjectNode details = unservedQueues.report(unserved.queue());
            if (details != null) {
                emit(EventType.QUEUE_UNSERVED, null, 0, null, details);
            }
        }
        dispatchWaiting();
        if (state.status() == WorkflowStatus.RUNNING && state.allNodesTerminal()) {
            finishWorkflow();
        }
    }

    // ---- starting and resuming -------------------------------------------------------------

    private void begin(boolean resumed) {
        workflowScope.put("id", executionId());
        workflowScope.put("name", dag.name());
        if (resumed) {
            workflowScope.set("inputs", state.inputs());
            ObjectNode details = WorkflowEvent.newDetails();
            if (initialRecord.owner() != null) {
                details.put(EventFields.PREVIOUS_OWNER, initialRecord.owner());
            }
            details.put(EventFields.ORCHESTRATOR, engine.orchestratorId());
            details.put(EventFields.LAST_EVENT_AT, state.lastEventAt());
            emit(EventType.WORKFLOW_RESUMED, null, 0, null, details);
            resume();
            return;
        }
        stops.armDeadline(engine.now());
        ObjectNode details = WorkflowEvent.newDetails();
        details.put(EventFields.WORKFLOW_NAME, dag.name());
        details.put(EventFields.DEFINITION_VERSION, initialRecord.definitionVersion());
        details.put(EventFields.DEFINITION, dag.definition().source());
        details.set(EventFields.INPUTS, initialRecord.inputs());
        if (initialRecord.rerunOf() != null) {
            details.put(EventFields.RERUN_OF, initialRecord.rerunOf());
        }
        emit(EventType.WORKFLOW_STARTED, null, 0, null, details);
        workflowScope.set("inputs", state.inputs());
        for (Map.Entry<String, ReusedNode> entry : reused.entrySet()) {
            reuse(entry.getKey(), entry.getValue());
        }
        startReadyNodes();
    }

    /** Starts every node that waits for nothing; what ends at once settles its dependents. */
    private void startReadyNodes() {
        for (int i = 0; i < dag.size(); i++) {
            if (state.isReady(i) && !start(i)) {
                dependents.settleAfter(i);
            }
        }
    }

    /**
     * Starts a node its trigger rule lets run with its first attempt, unless its condition says
     * to skip it. False when it ended at once: skipped, or failed (its condition or its config
     * could not be evaluated).
     */
    @Override
    public boolean start(int index) {
        if (parallelLimit.isWaiting(index)) {
            return true;
        }
        Conditions.Verdict verdict = conditions.check(index, scope);
        if (verdict.runs()) {
            return dispatch(index, 1);
        }
        ObjectNode details = WorkflowEvent.newDetails();
        if (verdict.error() != null) {
            details.put(EventFields.ERROR, verdict.error());
            emit(EventType.NODE_FAILED, dag.node(index).id(), 0, null, details);
        } else {
            details.put(EventFields.REASON, verdict.skipReason());
            emit(EventType.NODE_SKIPPED, dag.node(index).id(), 0, null, details);
        }
        return false;
    }

    private void reuse(String nodeId, ReusedNode from) {
        int index = dag.indexOf(nodeId);
        engine.stores().results().put(executionId(), nodeId, from.fromAttempt(), from.result());
        results[index] = from.result();
        ObjectNode details = WorkflowEvent.newDetails();
        details.put(EventFields.FROM_EXECUTION, from.fromExecution());
        details.put(EventFields.FROM_ATTEMPT, from.fromAttempt());
        emit(EventType.NODE_REUSED, nodeId, from.fromAttempt(), null, details);
    }

    /** Continues from stored state: timers re-armed from stored times, in-flight tasks re-sent. */
    private void resume() {
        long now = engine.now();
        if (state.cancelRequest() != null) {
            stops.resumeCancel();
            return;
        }
        stops.armDeadline(now);
        for (int i = 0; i < dag.size(); i++) {
            NodeState node = state.node(i);
            if (node.status == NodeStatus.RUNNING) {
                // The task may never have left before the crash; workers drop a copy they already ran.
                resend(i);
                if (node.startedAt > 0) {
                    armTimeout(i, node.attempt, node.startedAt, now);
                } else {
                    stops.armQueueTimeout(i, node.attempt, node.dispatchedAt, now);
                }
            } else if (node.status == NodeStatus.PENDING && node.retryDueAt > 0) {
                schedule(new Signal.RetryDue(i, node.attempt + 1), node.retryDueAt - now);
            }
        }
        startReadyNodes();
    }

    private void resend(int index) {
        NodeDefinition definition = dag.node(index);
        try {
            pending.resends.add(task(index, definition, state.node(index).attempt, resolveConfig(definition)));
        } catch (TemplateException e) {
            fail(index, e.getMessage());
        }
    }

    // ---- dispatching -------------------------------------------------------------------------

    /** False when the attempt could not even be dispatched (its config cannot be resolved): the node failed. */
    private boolean dispatch(int index, int attempt) {
        return !parallelLimit.admits(index, attempt) || send(index, attempt);
    }

    /** Records and sends an attempt that has its place under {@code max_parallel}. */
    private boolean send(int index, int attempt) {
        NodeDefinition definition = dag.node(index);
        ResolvedConfig config;
        try {
            config = resolveConfig(definition);
        } catch (TemplateException e) {
            // Bad data from upstream: no retry can fix a missing key in a completed node's result.
            ObjectNode details = WorkflowEvent.newDetails();
            details.put(EventFields.ERROR, e.getMessage());
            emit(EventType.NODE_FAILED, definition.id(), attempt, null, details);
            return false;
        }
        ObjectNode details = WorkflowEvent.newDetails();
        details.put(EventFields.QUEUE, definition.queue());
        emit(EventType.NODE_DISPATCHED, definition.id(), attempt, null, details);
        pending.dispatches.add(task(index, definition, attempt, config));
        stops.armQueueTimeout(index, attempt, engine.now(), engine.now());
        return true;
    }

    /** Dispatches the attempts that waited for one of the workflow's {@code max_parallel} places. */
    private void dispatchWaiting() {
        ParallelLimit.Waiting next;
        while (state.cancelRequest() == null && (next = parallelLimit.next()) != null) {
            NodeState node = state.node(next.node());
            boolean stillDue = node.status == NodeStatus.PENDING && node.attempt + 1 == next.attempt();
            if (stillDue && !send(next.node(), next.attempt())) {
                dependents.settleAfter(next.node());
            }
        }
    }

    /** A node's config with its templates resolved, and where it holds secrets for the worker to resolve. */
    private record ResolvedConfig(JsonNode config, List<String> secretFields) {
    }

    private ResolvedConfig resolveConfig(NodeDefinition definition) throws TemplateException {
        if (!definition.hasConfig()) {
            return new ResolvedConfig(Json.object(), List.of());
        }
        List<String> secretFields = new java.util.ArrayList<>(0);
        return new ResolvedConfig(TemplateResolver.resolve(definition.config(), scope, secretFields), secretFields);
    }

    private TaskMessage task(int index, NodeDefinition definition, int attempt, ResolvedConfig config) {
        long timeout = definition.timeout() == null ? 0 : definition.timeout().toMillis();
        Map<String, Integer> dependencies = new java.util.LinkedHashMap<>();
        for (int parent : dag.dependenciesOf(index)) {
            dependencies.put(dag.node(parent).id(), state.attempt(parent));
        }
        return new TaskMessage(executionId(), dag.name(), definition.id(), attempt, definition.handler(),
                definition.queue(), config.config(), dependencies, state.inputs(), engine.orchestratorId(),
                engine.now(), timeout, config.secretFields());
    }

    private final TemplateScope scope = new TemplateScope() {
        @Override
        public Optional<JsonNode> nodeResult(String nodeId) {
            int index = dag.indexOf(nodeId);
            if (index < 0 || state.nodeStatus(index) != NodeStatus.COMPLETED) {
                return Optional.empty();
            }
            return Optional.ofNullable(result(index));
        }

        @Override
        public JsonNode workflow() {
            return workflowScope;
        }
    };

    private JsonNode result(int index) {
        if (results[index] == null && state.nodeStatus(index) == NodeStatus.COMPLETED) {
            results[index] = engine.stores().results()
                    .get(executionId(), dag.node(index).id(), state.attempt(index))
                    .orElse(null);
        }
        return results[index];
    }

    // ---- results -----------------------------------------------------------------------------

    private void onResult(Delivery<ResultMessage> delivery) {
        pending.acks.add(delivery);
        ResultMessage message = delivery.message();
        if (message.kind() == ResultMessage.Kind.CANCEL_REQUESTED) {
            stops.requestCancel(message.error() == null ? "cancel requested" : message.error(), null);
            return;
        }
        int index = dag.indexOf(message.nodeId());
        if (index < 0) {
            LOG.warn("result for unknown node '{}' of {} ignored", message.nodeId(), executionId());
            return;
        }
        NodeState node = state.node(index);
        if (node.status != NodeStatus.RUNNING || node.attempt != message.attempt()) {
            // Late (timed out, cancelled) or duplicate: the orchestrator already decided this attempt.
            LOG.debug("stale {} for {} attempt {} ignored", message.kind(), message.nodeId(), message.attempt());
            return;
        }
        String nodeId = message.nodeId();
        boolean neverStarted = message.kind() == ResultMessage.Kind.CANCELLED && message.startedAt() == 0;
        if (node.startedAt == 0 && !neverStarted) {
            emit(EventType.NODE_STARTED, nodeId, message.attempt(), message.worker(), WorkflowEvent.newDetails(),
                    message.startedAt() > 0 ? message.startedAt() : engine.now());
            if (message.kind() == ResultMessage.Kind.STARTED) {
                armTimeout(index, message.attempt(), engine.now(), engine.now());
            }
        } else if (message.startedAt() > state.runStartedAt(index)) {
            // A later start of the same attempt: its task was delivered again after the worker running
            // it stopped, and it runs anew. Said once, so that its run time counts from here.
            ObjectNode details = WorkflowEvent.newDetails();
            if (node.worker != null) {
                details.put(EventFields.PREVIOUS_WORKER, node.worker);
            }
            emit(EventType.NODE_RESTARTED, nodeId, message.attempt(), message.worker(), details, message.startedAt());
        }
        switch (message.kind()) {
            case STARTED -> {
                // Recorded above; a report of a start already recorded changes nothing.
            }
            case SUCCEEDED -> complete(index, message);
            case FAILED -> attemptFailed(index, message.error(), message.retriable());
            case CANCELLED -> stops.confirmedCancelled(index, message.worker(), message.error());
            default -> LOG.warn("unexpected {} for {}", message.kind(), nodeId);
        }
    }

    private void complete(int index, ResultMessage message) {
        results[index] = message.result();
        ObjectNode details = WorkflowEvent.newDetails();
        long finishedAt = message.finishedAt() > 0 ? message.finishedAt() : engine.now();
        details.put(EventFields.DURATION_MS, Math.max(0, finishedAt - state.runStartedAt(index)));
        emit(EventType.NODE_COMPLETED, message.nodeId(), message.attempt(), message.worker(), details, finishedAt);
        dependents.settleAfter(index);
    }

    @Override
    public void attemptFailed(int index, String error, boolean retriable) {
        NodeDefinition definition = dag.node(index);
        RetryPolicy policy = definition.retryPolicy();
        int attempt = state.attempt(index);
        if (retriable && policy.allowsAnotherAttempt(attempt) && state.cancelRequest() == null) {
            long backoff = policy.backoffBefore(attempt + 1).toMillis();
            ObjectNode details = WorkflowEvent.newDetails();
            details.put(EventFields.ERROR, error);
            details.put(EventFields.BACKOFF_MS, backoff);
            details.put(EventFields.NEXT_ATTEMPT, attempt + 1);
            emit(EventType.NODE_RETRY, definition.id(), attempt, null, details);
            schedule(new Signal.RetryDue(index, attempt + 1), backoff);
            return;
        }
        fail(index, error);
    }

    private void fail(int index, String error) {
        ObjectNode details = WorkflowEvent.newDetails();
        details.put(EventFields.ERROR, error);
        emit(EventType.NODE_FAILED, dag.node(index).id(), state.attempt(index), null, details);
        dependents.settleAfter(index);
    }

    // ---- timers ------------------------------------------------------------------------------

    private void armTimeout(int index, int attempt, long startedAt, long now) {
        Duration timeout = dag.node(index).timeout();
        if (timeout != null) {
            schedule(new Signal.TimeoutDue(index, attempt), startedAt + timeout.toMillis() - now);
        }
    }

    private void onTimeout(int index, int attempt) {
        NodeState node = state.node(index);
        if (node.status != NodeStatus.RUNNING || node.attempt != attempt) {
            return;
        }
        long limit = dag.node(index).timeout().toMillis();
        String error = "attempt " + attempt + " timed out after " + formatSeconds(limit);
        ObjectNode details = WorkflowEvent.newDetails();
        details.put(EventFields.TIMEOUT_MS, limit);
        details.put(EventFields.ERROR, error);
        emit(EventType.NODE_TIMED_OUT, dag.node(index).id(), attempt, node.worker, details);
        attemptFailed(index, error, true);
    }

    private void onRetryDue(int index, int attempt) {
        NodeState node = state.node(index);
        if (node.status == NodeStatus.PENDING && node.retryDueAt > 0 && node.attempt + 1 == attempt
                && !dispatch(index, attempt)) {
            dependents.settleAfter(index);
        }
    }

    @Override
    public void schedule(Signal signal, long delayMillis) {
        if (delayMillis <= 0) {
            mailbox.add(signal);
            return;
        }
        engine.timers().schedule(() -> post(signal), delayMillis, TimeUnit.MILLISECONDS);
    }

    // ---- cancelling and finishing ------------------------------------------------------------

    private void finishWorkflow() {
        if (state.cancelRequest() != null) {
            stops.finishCancelled();
            return;
        }
        WorkflowEnd.record(state, this::outputs, this);
    }

    private ObjectNode outputs() {
        ObjectNode outputs = Json.object();
        for (int i = 0; i < dag.size(); i++) {
            if ("output".equals(dag.node(i).handler()) && state.nodeStatus(i) == NodeStatus.COMPLETED) {
                JsonNode value = result(i);
                outputs.set(dag.node(i).id(), value == null ? Json.mapper().nullNode() : value);
            }
        }
        return outputs;
    }

    // ---- recording ---------------------------------------------------------------------------

    @Override
    public void emit(EventType type, String nodeId, int attempt, String worker, JsonNode details) {
        emit(type, nodeId, attempt, worker, details, engine.now());
    }

    private void emit(EventType type, String nodeId, int attempt, String worker, JsonNode details, long time) {
        WorkflowEvent event = new WorkflowEvent(executionId(), state.lastSequence() + 1, type, nodeId, attempt,
                time, worker, details);
        state.apply(event);
        pending.events.add(event);
    }

    /** Writes in order, and forgets the batch only once written, so that a failed flush can be tried again. */
    private void flush() {
        OrchestratorWrites.Batch batch = pending.batch();
        if (!batch.isEmpty()) {
            List<TaskMessage> notSent = engine.writes().write(batch, engine.orchestratorId());
            pending.forget();
            for (TaskMessage task : notSent) {
                LOG.debug("{} attempt {} of {} was already dispatched", task.nodeId(), task.attempt(), executionId());
            }
            notifyListeners(batch.events());
            for (String queue : unservedQueues.unservedAmong(batch.dispatches())) {
                mailbox.add(new Signal.QueueUnserved(queue));
            }
        }
        if (!withdrawals.isEmpty()) {
            // After the events that explain them are stored; what to record next depends on the answers.
            mailbox.add(new Signal.Withdrawn(withdrawals.send(engine.transport())));
        }
        if (state.status().isTerminal() && !finishedAndFlushed) {
            ExecutionResult result = snapshot();
            engine.stores().executions().save(initialRecord.finished(result.status(), state.finishedAt(),
                    result.nodeCounts(), result.outputs(), result.error()));
            finishedAndFlushed = true;
            onFinished.accept(this);
            completion.complete(result);
        }
    }

    private void notifyListeners(List<WorkflowEvent> events) {
        for (WorkflowEvent event : events) {
            for (ExecutionListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("listener of {} failed on {}: {}", executionId(), event.type(), e.toString());
                }
            }
        }
    }

    ExecutionResult snapshot() {
        Map<String, NodeResult> nodes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < dag.size(); i++) {
            nodes.put(dag.node(i).id(), state.nodeResult(i, results[i]));
        }
        JsonNode outputs = state.status() == WorkflowStatus.COMPLETED ? outputs() : Json.object();
        return new ExecutionResult(executionId(), dag.name(), state.status(), state.startedAt(),
                state.finishedAt(), nodes, outputs, state.finishReason());
    }

    static String formatSeconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.3f s", millis / 1000.0);
    }
}
