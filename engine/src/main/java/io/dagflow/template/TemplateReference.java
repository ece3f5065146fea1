package io.dagflow.template;

import java.util.List;

/**
 * One {@code {{ ... }}} occurrence.
 *
 * @param text the template as written, braces included
 * @param root the first path segment: a node id, or {@code workflow}
 * @param path the remaining segments (object keys or list indexes)
 */
public record TemplateReference(String text, String root, List<String> path) {

    public static final String WORKFLOW = "workflow";
    /** {@code {{secrets.NAME}}}: resolved only where the handler runs, never by the orchestrator. */
    public static final String SECRETS = "secrets";

    public TemplateReference {
        path = List.copyOf(path);
    }

    public boolean isWorkflowReference() {
        return WORKFLOW.equals(root);
    }

    public boolean isSecretReference() {
        return SECRETS.equals(root);
    }

    public String expression() {
        return path.isEmpty() ? root : root + "." + String.join(".", path);
    }
}
