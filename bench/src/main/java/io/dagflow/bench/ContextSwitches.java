package io.dagflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Counts the times this process's threads went to sleep waiting for something (voluntary
 * context switches, Linux only): each is a hand-over between threads that costs a wake-up,
 * which is what bounds a pipeline of threads passing small messages.
 */
final class ContextSwitches {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final String FIELD = "voluntary_ctxt_switches:";

    private final Map<String, Long> atStart;

    private ContextSwitches(Map<String, Long> atStart) {
        this.atStart = atStart;
    }

    static boolean available() {
        return Files.isDirectory(TASKS);
    }

    /** Starts counting; threads started later count from zero. */
    static ContextSwitches start() {
        return new ContextSwitches(perThread());
    }

    /** Voluntary switches since {@link #start}, of threads alive now; -1 when not on Linux. */
    long sinceStart() {
        if (!available()) {
            return -1;
        }
        long total = 0;
        for (Map.Entry<String, Long> thread : perThread().entrySet()) {
            total += thread.getValue() - atStart.getOrDefault(thread.getKey(), 0L);
        }
        return total;
    }

    private static Map<String, Long> perThread() {
        Map<String, Long> counts = new HashMap<>();
        if (!available()) {
            return counts;
        }
        try (Stream<Path> threads = Files.list(TASKS)) {
            threads.forEach(thread -> {
                Long count = read(thread.resolve("status"));
                if (count != null) {
                    counts.put(thread.getFileName().toString(), count);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + TASKS + ": " + e.getMessage(), e);
        }
        return counts;
    }

    private static Long read(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(FIELD)) {
                    return Long.parseLong(line.substring(FIELD.length()).trim());
                }
            }
            return null;
        } catch (IOException e) {
            // The thread ended between listing and reading: it no longer counts.
            return null;
        }
    }
}
