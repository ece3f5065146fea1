package io.dagflow.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one file, each placed at a packed {@link Position}. */
final class Problems {

    private static final Comparator<Problem> IN_FILE_ORDER =
            Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

    private final String file;
    private final List<Problem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(long position, String nodeId, String field, String message) {
        found.add(new Problem(file, Position.line(position), Position.column(position), nodeId, field, message));
    }

    /** Forgets every problem so far: a syntax error makes what was read before it moot. */
    void clear() {
        found.clear();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Every problem, ordered by where it is in the file (problems of the whole file first). */
    List<Problem> inFileOrder() {
        List<Problem> ordered = new ArrayList<>(found);
        ordered.sort(IN_FILE_ORDER);
        return ordered;
    }
}
