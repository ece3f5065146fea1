package io.dagflow.validation;

import io.dagflow.json.Json;
import io.dagflow.json.TextFile;
import io.dagflow.json.UnreadableTextException;
import io.dagflow.model.NodeDefinition;
import io.dagflow.model.RetryPolicy;
import io.dagflow.model.WorkflowDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads workflow definition files and checks them completely before anything runs: every
 * problem is reported at once, each with its file, line and column, and the node and field it
 * concerns. A definition this loader returns is accepted by {@link io.dagflow.model.Dag#of}.
 * The format is described in docs/workflow-format.md.
 *
 * <p>Costs time linear in the size of the file (nodes plus dependencies); a loader is immutable
 * and may be shared between threads.
 */
public final class WorkflowLoader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Set<String> knownHandlers;

    /** A loader that accepts any handler name (a worker that lacks it will fail the node). */
    public WorkflowLoader() {
        this.knownHandlers = null;
    }

    /** A loader that reports handlers other than {@code knownHandlers}, suggesting the closest. */
    public WorkflowLoader(Set<String> knownHandlers) {
        this.knownHandlers = Collections.unmodifiableSet(new TreeSet<>(knownHandlers));
    }

    /**
     * Reads and checks a definition file (UTF-8); problems name the file as {@code file} was given.
     * A file that cannot be read is one problem of the whole file (line 0): no such file, a
     * directory, permission denied; text that is not UTF-8 is one problem at its first bad byte.
     */
    public WorkflowDefinition load(Path file) throws InvalidWorkflowException {
        return parse(read(file), file.toString());
    }

    /** Every problem of a definition file in file order, {@link #load}'s reading problems included. */
    public List<Problem> check(Path file) {
        try {
            return check(read(file), file.toString());
        } catch (InvalidWorkflowException e) {
            return e.problems();
        }
    }

    private static String read(Path file) throws InvalidWorkflowException {
        try {
            return TextFile.read(file);
        } catch (UnreadableTextException e) {
            throw new InvalidWorkflowException(List.of(
                    new Problem(file.toString(), e.line(), e.column(), null, null, e.reason())));
        }
    }

    /**
     * Checks a definition's text and builds it.
     *
     * @param fileName how problems name the source, e.g. {@code workflow.json}; may be null
     * @throws InvalidWorkflowException carrying every problem found, in file order
     */
    public WorkflowDefinition parse(String source, String fileName) throws InvalidWorkflowException {
        Checked checked = checked(source, fileName);
        if (!checked.problems().isEmpty()) {
            throw new InvalidWorkflowException(checked.problems());
        }
        return build(checked.draft(), source);
    }

    /**
     * Parses definition text that an execution recorded when it started (to resume, rerun or show
     * it). It was valid then; any handler type is accepted since the recording engine knew them.
     *
     * @throws IllegalArgumentException naming {@code origin} and every problem when it no longer parses
     */
    public static WorkflowDefinition parseRecorded(String source, String origin) {
        try {
            return new WorkflowLoader().parse(source, origin);
        } catch (InvalidWorkflowException e) {
            throw new IllegalArgumentException(origin + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every problem of a definition's text in file order; empty when it is valid. */
    public List<Problem> check(String source, String fileName) {
        return checked(source, fileName).problems();
    }

    private record Checked(DraftWorkflow draft, List<Problem> problems) {
    }

    private Checked checked(String source, String fileName) {
        Problems problems = new Problems(fileName);
        String json = !source.isEmpty() && source.charAt(0) == BYTE_ORDER_MARK ? source.substring(1) : source;
        DraftWorkflow draft = new DefinitionReader(problems, knownHandlers).read(json);
        if (draft != null) {
            DependencyGraph graph = DependencyGraph.build(draft.nodes, problems);
            int[] component = Cycles.components(graph, problems);
            TemplateChecker.check(graph, component, problems);
        }
        return new Checked(draft, problems.inFileOrder());
    }

    private static WorkflowDefinition build(DraftWorkflow draft, String source) {
        RetryPolicy defaultRetry = draft.defaultRetry.over(RetryPolicy.DEFAULT);
        String defaultQueue = draft.defaultQueue != null ? draft.defaultQueue : NodeDefinition.DEFAULT_QUEUE;
        List<NodeDefinition> nodes = new ArrayList<>(draft.nodes.size());
        for (NodeDraft node : draft.nodes) {
            nodes.add(new NodeDefinition(
                    node.id,
                    node.handler,
                    node.dependencies,
                    node.config != null ? node.config : Json.object(),
                    node.retry.over(defaultRetry),
                    node.timeout != null ? node.timeout : draft.defaultTimeout,
                    node.queue != null ? node.queue : defaultQueue,
                    node.queueTimeout != null ? node.queueTimeout : draft.defaultQueueTimeout,
                    node.trigger, node.when));
        }
        return new WorkflowDefinition(draft.name, nodes, source, draft.deadline, draft.maxParallel);
    }
}
