package io.dagflow.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.template.TemplateReference;
import io.dagflow.template.TemplateResolver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks every {@code {{ ... }}} template in the nodes' configs: it must read the workflow's id,
 * name or inputs, or the result of a node the templated node depends on, directly or through
 * other nodes. Anything else could only fail when the workflow runs.
 */
final class TemplateChecker {

    private static final int SHORT_DEPENDENCY_LIST = 16;

    static final List<String> WORKFLOW_FIELDS = List.of("id", "name", "inputs");

    private final DependencyGraph graph;
    private final Problems problems;
    private final UpstreamQueries upstream;
    private final List<Pending> pending = new ArrayList<>();
    /** Keys (strings) and list indexes (integers) from the node's config to the value being checked. */
    private final List<Object> path = new ArrayList<>();
    /** The dependencies of a node with many, as a set, so that each of its templates costs O(1). */
    private final Set<Integer> directDependencies = new HashSet<>();
    private int directDependenciesOf = -1;

    /** A template whose root is neither the node nor a direct dependency: asked of {@link UpstreamQueries}. */
    private record Pending(int node, TemplateReference reference, long position, Object[] path) {
    }

    private TemplateChecker(DependencyGraph graph, int[] component, Problems problems) {
        this.graph = graph;
        this.problems = problems;
        this.upstream = new UpstreamQueries(graph, component);
    }

    static void check(DependencyGraph graph, int[] component, Problems problems) {
        TemplateChecker checker = new TemplateChecker(graph, component, problems);
        for (int v = 0; v < graph.size(); v++) {
            NodeDraft node = graph.node(v);
            if (node.config != null) {
                checker.path.add("config");
                checker.walk(v, node.config, node.configMap);
                checker.path.clear();
            }
        }
        checker.reportNotUpstream();
    }

    private void walk(int node, JsonNode value, SourceMap map) {
        if (value.isObject()) {
            for (int i = 0; i < map.size(); i++) {
                String key = map.name(i);
                path.add(key);
                checkText(node, key, map.keyPosition(i));
                JsonNode member = map.value(i);
                if (member.isTextual()) {
                    checkText(node, member.textValue(), map.valuePosition(i));
                } else if (member.isContainerNode()) {
                    walk(node, member, map.child(i));
                }
                path.remove(path.size() - 1);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < map.size(); i++) {
                JsonNode element = map.value(i);
                path.add(i);
                if (element.isTextual()) {
                    checkText(node, element.textValue(), map.valuePosition(i));
                } else if (element.isContainerNode()) {
                    walk(node, element, map.child(i));
                }
                path.remove(path.size() - 1);
            }
        }
    }

    private void checkText(int node, String text, long position) {
        if (!text.contains("{{")) {
            return;
        }
        for (TemplateReference reference : TemplateResolver.parse(text)) {
            checkReference(node, reference, position);
        }
    }

    private void checkReference(int v, TemplateReference reference, long position) {
        NodeDraft node = graph.node(v);
        String template = "template " + reference.text();
        if (reference.root().isEmpty()) {
            report(node, position, template + " names nothing to read; write {{node_id.path}} or {{workflow.inputs.name}}");
            return;
        }
        for (String segment : reference.path()) {
            if (segment.isEmpty() || segment.contains("[") || segment.contains("]")) {
                report(node, position, template + " has a malformed path: keys are separated by single dots and "
                        + "list indexes are numbers, as in items.0.id or items[0].id");
                return;
            }
        }
        if (reference.isWorkflowReference()) {
            checkWorkflowReference(node, reference, position, template);
            return;
        }
        int root = graph.indexOf(reference.root());
        if (root < 0) {
            report(node, position, template + " refers to node '" + reference.root() + "', which is not a node"
                    + graph.didYouMean(reference.root()));
        } else if (reference.root().equals(node.id)) {
            report(node, position, template + " refers to node '" + node.id + "' itself; a node can read only "
                    + "the results of nodes it depends on");
        } else if (!dependsDirectly(v, root)) {
            pending.add(new Pending(v, reference, position, path.toArray()));
            upstream.add(v, root);
        }
    }

    private void checkWorkflowReference(NodeDraft node, TemplateReference reference, long position, String template) {
        if (reference.path().isEmpty()) {
            return;
        }
        String field = reference.path().get(0);
        if (!WORKFLOW_FIELDS.contains(field)) {
            String meant = Suggestions.closest(field, WORKFLOW_FIELDS);
            report(node, position, template + " reads '" + field + "' of the workflow, which has only id, name and "
                    + "inputs" + (meant != null ? "; did you mean {{workflow." + meant + "}}?" : ""));
        } else if (!field.equals("inputs") && reference.path().size() > 1) {
            report(node, position, template + " reads into workflow." + field + ", which is text and has no fields");
        }
    }

    private boolean dependsDirectly(int node, int root) {
        if (graph.endEdge(node) - graph.firstEdge(node) <= SHORT_DEPENDENCY_LIST) {
            for (int e = graph.firstEdge(node); e < graph.endEdge(node); e++) {
                if (graph.target(e) == root) {
                    return true;
                }
            }
            return false;
        }
        if (directDependenciesOf != node) {
            directDependencies.clear();
            for (int e = graph.firstEdge(node); e < graph.endEdge(node); e++) {
                directDependencies.add(graph.target(e));
            }
            directDependenciesOf = node;
        }
        return directDependencies.contains(root);
    }

    private void reportNotUpstream() {
        if (pending.isEmpty()) {
            return;
        }
        boolean[] upstreamOfNode = upstream.answer();
        for (int q = 0; q < pending.size(); q++) {
            if (upstreamOfNode[q]) {
                continue;
            }
            Pending question = pending.get(q);
            NodeDraft node = graph.node(question.node());
            String root = question.reference().root();
            String id = node.id != null ? "'" + node.id + "'" : "this node";
            problems.add(question.position(), node.nodeId(), node.field(field(question.path())), "template "
                    + question.reference().text() + " refers to node '" + root + "', which is not upstream of " + id
                    + "; add '" + root + "' to the dependencies of " + id + " (or of a node it depends on)");
        }
    }

    private void report(NodeDraft node, long position, String message) {
        problems.add(position, node.nodeId(), node.field(field(path.toArray())), message);
    }

    /** {@code config.headers.X-Id} or {@code config.items[0]}. */
    private static String field(Object[] path) {
        StringBuilder field = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.length() > 0 ? "." : "").append(segment);
            }
        }
        return field.toString();
    }
}
