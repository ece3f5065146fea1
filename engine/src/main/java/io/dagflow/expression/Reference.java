package io.dagflow.expression;

import java.util.List;

/**
 * A path an expression reads, where it is written.
 *
 * @param path the segments: first the root (a node id, {@code workflow}, or whatever root the caller
 *     provides), then object keys or list indexes
 * @param column the 1-based column of the path's first character
 */
public record Reference(List<String> path, int column) {

    public Reference {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a path has at least its root");
        }
    }

    /** The first segment: what the path reads from. */
    public String root() {
        return path.get(0);
    }

    /** The path as an expression writes it, such as {@code fetch.body['content-type']}. */
    @Override
    public String toString() {
        return CanonicalText.path(path);
    }
}
