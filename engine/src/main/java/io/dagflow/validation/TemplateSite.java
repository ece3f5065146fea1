package io.dagflow.validation;

import java.util.List;

/**
 * A string of a node's config, value or key, that holds at least one template.
 *
 * @param text the string
 * @param position where the string is written
 * @param path keys (strings) and list indexes (integers) from {@code config} to the string; a
 *     key holding a template ends its own path
 */
record TemplateSite(String text, long position, List<Object> path) {

    /** Whether this is a path a node's {@code when} condition reads, rather than a template of its config. */
    boolean isCondition() {
        return path.size() == 1 && "when".equals(path.get(0));
    }

    /** The path as problems name fields: {@code config.headers.X-Id}, {@code config.items[0]}. */
    String field() {
        return field(path);
    }

    static String field(List<Object> path) {
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
