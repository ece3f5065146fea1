package io.dagflow.rerun;

import io.dagflow.run.ReusedNode;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.Dag;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.run.EventFields;
import io.dagflow.store.ResultStore;
import io.dagflow.timeline.AttemptOutcome;
import io.dagflow.timeline.RecordedDefinition;
import io.dagflow.timeline.Timeline;
import io.dagflow.timeline.TimelineAttempt;
import io.dagflow.timeline.TimelineBuilder;
import io.dagflow.timeline.TimelineNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which nodes a rerun can take from the execution it reruns and which must run again.
 *
 * <p>A node is reused when it completed in the original (or was itself reused there), it is
 * unchanged in the new definition (same handler, config and dependencies), it reads no workflow
 * input whose value the rerun changes, every node it depends on is reused, it is not at or below
 * the node the rerun starts from, and its result is still stored. Any other node runs, and the
 * plan says why.
 */
public final class RerunPlanner {

    private RerunPlanner() {
    }

    /**
     * @param newDefinition the definition the rerun will run (the original's, or an edited one)
     * @param originalEvents the events of the execution being rerun, beginning with WORKFLOW_STARTED
     * @param results where the original's results (and those it reused) are stored
     * @param fromNode a node to run again with everything downstream of it, even when it completed
     * @throws IllegalArgumentException when {@code fromNode} is not in the new definition, or the
     *     original's events or definition cannot be read
     */
    public static RerunPlan plan(WorkflowDefinition newDefinition, List<WorkflowEvent> originalEvents,
            ResultStore results, Optional<String> fromNode) {
        return plan(newDefinition, originalEvents, results, fromNode,
                RecordedDefinition.start(originalEvents).details().get(EventFields.INPUTS));
    }

    /**
     * The plan of a rerun given {@code inputs}: a node that reads an input whose value differs from
     * the original's runs again (see {@link InputChanges}), and so does everything downstream of it.
     *
     * @param inputs the inputs the rerun starts with
     */
    public static RerunPlan plan(WorkflowDefinition newDefinition, List<WorkflowEvent> originalEvents,
            ResultStore results, Optional<String> fromNode, JsonNode inputs) {
        WorkflowEvent started = RecordedDefinition.start(originalEvents);
        InputChanges inputChanges = InputChanges.between(started.details().get(EventFields.INPUTS), inputs);
        String original = started.executionId();
        WorkflowDefinition originalDefinition = RecordedDefinition.of(originalEvents);
        Timeline timeline = TimelineBuilder.from(originalEvents, originalDefinition, Long.MIN_VALUE);
        Map<String, TimelineNode> originalNodes = new LinkedHashMap<>();
        timeline.nodes().forEach(n -> originalNodes.put(n.id(), n));
        Map<String, NodeDefinition> definedBefore = new LinkedHashMap<>();
        originalDefinition.nodes().forEach(n -> definedBefore.put(n.id(), n));

        Dag dag = Dag.of(newDefinition);
        Set<Integer> forced = forcedNodes(dag, fromNode);
        String[] reasons = new String[dag.size()];
        ReusedNode[] reused = new ReusedNode[dag.size()];
        for (int index : topologicalOrder(dag)) {
            NodeDefinition node = dag.node(index);
            String why = forced.contains(index)
                    ? forcedReason(node.id(), fromNode.orElseThrow())
                    : reasonToRun(node, definedBefore.get(node.id()), originalNodes.get(node.id()), dag, index,
                            reused, inputChanges);
            if (why == null) {
                TimelineNode ran = originalNodes.get(node.id());
                ResultSource source = sourceOf(original, ran);
                Optional<JsonNode> result = source == null ? Optional.empty()
                        : results.get(source.execution(), node.id(), source.attempt());
                if (result.isEmpty() && source != null && ran.reused()) {
                    // The engine also keeps a reused result under the execution that reused it.
                    result = results.get(original, node.id(), source.attempt());
                }
                if (result.isPresent()) {
                    reused[index] = new ReusedNode(source.execution(), source.attempt(), result.get());
                } else {
                    why = source == null
                            ? "it was reused in " + original + " but the event does not say from which execution and attempt"
                            : "its result (execution " + source.execution() + ", attempt " + source.attempt()
                                    + ") is no longer stored";
                }
            }
            reasons[index] = why;
        }
        Map<String, ReusedNode> reusedById = new LinkedHashMap<>();
        List<String> explanations = new ArrayList<>();
        for (int i = 0; i < dag.size(); i++) {
            String id = dag.node(i).id();
            if (reused[i] != null) {
                reusedById.put(id, reused[i]);
            } else {
                boolean ranBefore = definedBefore.containsKey(id);
                explanations.add("node '" + id + "' runs" + (ranBefore ? " again" : "") + ": " + reasons[i]);
            }
        }
        return new RerunPlan(original, reusedById, explanations);
    }

    private record ResultSource(String execution, int attempt) {
    }

    private static Set<Integer> forcedNodes(Dag dag, Optional<String> fromNode) {
        Set<Integer> forced = new HashSet<>();
        if (fromNode.isPresent()) {
            int from = dag.indexOf(fromNode.get());
            if (from < 0) {
                throw new IllegalArgumentException("cannot rerun from node '" + fromNode.get() + "': workflow '"
                        + dag.name() + "' has no such node");
            }
            forced.add(from);
            forced.addAll(dag.downstreamOf(from));
        }
        return forced;
    }

    private static String forcedReason(String id, String from) {
        return id.equals(from) ? "the rerun starts from it" : "it is downstream of '" + from + "', where the rerun starts";
    }

    /** Why the node must run, or null when it may be reused. Dependencies are decided before it. */
    private static String reasonToRun(NodeDefinition node, NodeDefinition before, TimelineNode ran, Dag dag, int index,
            ReusedNode[] reused, InputChanges inputChanges) {
        if (before == null || ran == null) {
            return "it is new in this definition";
        }
        if (ran.status() != NodeStatus.COMPLETED) {
            return statusReason(ran);
        }
        String changed = changes(node, before);
        if (changed != null) {
            return changed;
        }
        String inputsRead = inputChanges.reasonFor(node);
        if (inputsRead != null) {
            return inputsRead;
        }
        for (int parent : dag.dependenciesOf(index)) {
            if (reused[parent] == null) {
                return "its dependency '" + dag.node(parent).id() + "' runs again";
            }
        }
        return null;
    }

    private static String statusReason(TimelineNode ran) {
        return switch (ran.status()) {
            case FAILED -> "it failed" + (ran.error() == null ? "" : " (" + firstLine(ran.error()) + ")");
            case BLOCKED -> "it was blocked by '" + ran.blockedBy() + "'";
            case CANCELLED -> "it was cancelled";
            case RUNNING -> "it was still running";
            case PENDING -> ran.attempts().isEmpty() ? "it never ran" : "it was waiting for a retry";
            case COMPLETED -> throw new IllegalStateException("a completed node needs no reason to run");
        };
    }

    /** What changed between the original node and the new one, or null when nothing that matters did. */
    private static String changes(NodeDefinition now, NodeDefinition before) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(now.handler(), before.handler())) {
            changes.add("its handler changed ('" + before.handler() + "' -> '" + now.handler() + "')");
        }
        if (!configOf(now).equals(configOf(before))) {
            changes.add("its config changed");
        }
        if (!new HashSet<>(now.dependencies()).equals(new HashSet<>(before.dependencies()))) {
            changes.add("its dependencies changed (" + before.dependencies() + " -> " + now.dependencies() + ")");
        }
        return changes.isEmpty() ? null : String.join(" and ", changes);
    }

    private static JsonNode configOf(NodeDefinition node) {
        return node.hasConfig() ? node.config() : Json.object();
    }

    /** Where the original's result of a completed node is: its own last completed attempt, or the execution it reused. */
    private static ResultSource sourceOf(String original, TimelineNode ran) {
        if (ran.reused()) {
            if (ran.reusedFrom() == null || ran.reusedFromAttempt() == null) {
                return null;
            }
            return new ResultSource(ran.reusedFrom(), ran.reusedFromAttempt());
        }
        List<TimelineAttempt> attempts = ran.attempts();
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).outcome() == AttemptOutcome.COMPLETED) {
                return new ResultSource(original, attempts.get(i).attempt());
            }
        }
        return null;
    }

    private static int[] topologicalOrder(Dag dag) {
        int size = dag.size();
        int[] waiting = new int[size];
        int[] order = new int[size];
        int tail = 0;
        for (int i = 0; i < size; i++) {
            waiting[i] = dag.dependenciesOf(i).length;
            if (waiting[i] == 0) {
                order[tail++] = i;
            }
        }
        for (int head = 0; head < tail; head++) {
            for (int child : dag.dependentsOf(order[head])) {
                if (--waiting[child] == 0) {
                    order[tail++] = child;
                }
            }
        }
        if (tail < size) {
            throw new IllegalArgumentException("workflow '" + dag.name() + "' has a dependency cycle; validate it first");
        }
        return order;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
