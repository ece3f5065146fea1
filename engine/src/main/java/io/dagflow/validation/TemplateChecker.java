package io.dagflow.validation;

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

    /** What {@code {{workflow.X}}} can read: the execution's id, the workflow's name, the inputs. */
    static final List<String> WORKFLOW_FIELDS = List.of("id", "name", "inputs");
    /** Up to this many dependencies a scan beats building a set. */
    private static final int SHORT_DEPENDENCY_LIST = 16;

    private final DependencyGraph graph;
    private final Problems problems;
    private final UpstreamQueries upstream;
    private final List<Pending> pending = new ArrayList<>();
    /** The dependencies of a node with many, as a set, so that each of its templates costs O(1). */
    private final Set<Integer> directDependencies = new HashSet<>();
    private int directDependenciesOf = -1;

    /** A template whose root is neither the node nor a direct dependency: asked of {@link UpstreamQueries}. */
    private record Pending(int node, TemplateReference reference, TemplateSite site) {
    }

    private TemplateChecker(DependencyGraph graph, int[] component, Problems problems) {
        this.graph = graph;
        this.problems = problems;
        this.upstream = new UpstreamQueries(graph, component);
    }

    static void check(DependencyGraph graph, int[] component, Problems problems) {
        TemplateChecker checker = new TemplateChecker(graph, component, problems);
        for (int v = 0; v < graph.size(); v++) {
            for (TemplateSite site : graph.node(v).templates) {
                for (TemplateReference reference : TemplateResolver.parse(site.text())) {
                    checker.checkReference(v, reference, site);
                }
            }
        }
        checker.reportNotUpstream();
    }

    private void checkReference(int v, TemplateReference reference, TemplateSite site) {
        NodeDraft node = graph.node(v);
        String template = describe(reference, site);
        if (reference.root().isEmpty()) {
            report(node, site, template
                    + " names nothing to read; write {{node_id.path}} or {{workflow.inputs.name}}");
            return;
        }
        for (String segment : reference.path()) {
            if (segment.isEmpty() || segment.contains("[") || segment.contains("]")) {
                report(node, site, template + " has a malformed path: keys are separated by single dots and "
                        + "list indexes are numbers, as in items.0.id or items[0].id");
                return;
            }
        }
        if (reference.isSecretReference()) {
            checkSecretReference(node, reference, site, template);
            return;
        }
        if (reference.isWorkflowReference()) {
            checkWorkflowReference(node, reference, site, template);
            return;
        }
        int root = graph.indexOf(reference.root());
        if (root < 0) {
            report(node, site, template + " refers to node '" + reference.root() + "', which is not a node"
                    + graph.didYouMean(reference.root(), node.id));
        } else if (reference.root().equals(node.id)) {
            report(node, site, template + " refers to node '" + node.id + "' itself; a node can read only "
                    + "the results of nodes it depends on");
        } else if (!dependsDirectly(v, root)) {
            pending.add(new Pending(v, reference, site));
            upstream.add(v, root);
        }
    }

    /**
     * A secret is resolved by the worker, in the string as written: so only in values, not keys
     * or conditions, and in strings that hold nothing else to resolve.
     */
    private void checkSecretReference(NodeDraft node, TemplateReference reference, TemplateSite site,
            String template) {
        if (site.isCondition()) {
            report(node, site, "a condition cannot read secrets: they exist only where the handler runs");
        } else if (!site.path().isEmpty() && site.text().equals(site.path().get(site.path().size() - 1))) {
            report(node, site, template + " is in a key; secrets can be used in values only");
        } else if (reference.path().size() != 1 || !reference.path().get(0).matches("[A-Za-z0-9_]+")) {
            report(node, site, template + " names no secret; write {{secrets.NAME}}, NAME of letters, digits and _");
        } else if (TemplateResolver.parse(site.text()).stream().anyMatch(other -> !other.isSecretReference())) {
            report(node, site, "a string with " + template.substring("template ".length()) + " may hold only secrets"
                    + " and text, since the worker resolves it; put the other templates in a field of their own");
        }
    }

    private void checkWorkflowReference(NodeDraft node, TemplateReference reference, TemplateSite site,
            String template) {
        if (reference.path().isEmpty()) {
            return;
        }
        String field = reference.path().get(0);
        if (!WORKFLOW_FIELDS.contains(field)) {
            String meant = Suggestions.closest(field, WORKFLOW_FIELDS);
            report(node, site, template + " reads '" + field + "' of the workflow, which has only id, name and "
                    + "inputs" + (meant != null ? "; did you mean {{workflow." + meant + "}}?" : ""));
        } else if (!field.equals("inputs") && reference.path().size() > 1) {
            report(node, site, template + " reads into workflow." + field + ", which is text and has no fields");
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
            problems.add(question.site().position(), node.nodeId(), node.field(question.site().field()),
                    describe(question.reference(), question.site()) + " refers to node '" + root
                    + "', which is not upstream of " + id
                    + "; add '" + root + "' to the dependencies of " + id + " (or of a node it depends on)");
        }
    }

    /** How a message names what reads: a template as written, or the path a condition reads. */
    private static String describe(TemplateReference reference, TemplateSite site) {
        return site.isCondition() ? "condition path " + reference.expression() : "template " + reference.text();
    }

    private void report(NodeDraft node, TemplateSite site, String message) {
        problems.add(site.position(), node.nodeId(), node.field(site.field()), message);
    }
}
