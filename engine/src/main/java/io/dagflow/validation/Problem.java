package io.dagflow.validation;

import io.dagflow.report.Printable;

/**
 * One thing wrong with a workflow definition, and where it was written.
 *
 * @param file the file name as given to the loader, or null
 * @param line 1-based line of the offending JSON token, or 0 when the problem concerns the whole file
 * @param column 1-based column of that token, or 0
 * @param nodeId the id of the node concerned, or null
 * @param field the field concerned, relative to the node when {@code nodeId} is set, otherwise a
 *     path from the top of the file such as {@code dag.nodes[2].handler}; or null
 * @param message what is wrong, as a sentence fragment without location
 */
public record Problem(String file, int line, int column, String nodeId, String field, String message) {

    /**
     * The problem as one line, in the {@code file:line:column: } form editors and CI logs link to,
     * e.g. {@code workflow.json:12:5: node 'get_user', field 'dependencies': depends on 'fetch',
     * which is not a node}. Parts that are unknown are left out. Control characters, which a
     * file may hold in ids and values, are written as escapes ({@code \u001b}): printed raw they
     * could clear or rewrite the terminal that shows the problem.
     */
    public String format() {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(Printable.inline(file));
        }
        if (line > 0) {
            text.append(text.length() > 0 ? ":" : "").append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        if (text.length() > 0) {
            text.append(": ");
        }
        if (nodeId != null) {
            text.append("node '").append(Printable.inline(nodeId)).append('\'');
        }
        if (field != null) {
            text.append(nodeId != null ? ", " : "").append("field '").append(Printable.inline(field)).append('\'');
        }
        if (nodeId != null || field != null) {
            text.append(": ");
        }
        return text.append(Printable.inline(message)).toString();
    }
}
