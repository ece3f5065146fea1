package io.dagflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Counts the times a process's threads went to sleep waiting for something (voluntary context
 * switches, Linux only): each is a hand-over between threads that costs a wake-up, which is what
 * bounds a pipeline of threads passing small messages.
 */
final class ContextSwitches {

    private static final Path OWN_TASKS = Path.of("/proc/self/task");
    private static final String FIELD = "voluntary_ctxt_switches:";

    private final Path tasks;
    private final Map<String, Long> atStart;

    private ContextSwitches(Path tasks) {
        this.tasks = tasks;
        this.atStart = perThread();
    }

    static boolean available() {
        return Files.isDirectory(OWN_TASKS);
    }

    /** Starts counting this process's switches; threads started later count from zero. */
    static ContextSwitches start() {
        return new ContextSwitches(OWN_TASKS);
    }

    /** Starts counting another process's switches (a worker process of the benchmark). */
    static ContextSwitches start(ProcessHandle process) {
        return new ContextSwitches(Path.of("/proc", Long.toString(process.pid()), "task"));
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

    private Map<String, Long> perThread() {
        Map<String, Long> counts = new HashMap<>();
        if (!available()) {
            return counts;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(thread -> {
                Long count = read(thread.resolve("status"));
                if (count != null) {
                    counts.put(thread.getFileName().toString(), count);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + tasks + ": " + e.getMessage(), e);
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
