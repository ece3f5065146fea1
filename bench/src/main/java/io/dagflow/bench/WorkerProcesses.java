package io.dagflow.bench;

import io.dagflow.redis.RedisConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's worker processes: JVMs started from the benchmark's own java binary and class
 * path, each running one {@link WorkerProcess}. They are started on the first run and live until
 * this is closed, so that the warm-up runs warm their JIT too; each run starts and stops their
 * workers on its own key prefix. Closing kills them, and so does the benchmark's JVM ending.
 */
final class WorkerProcesses implements AutoCloseable {

    /** Each runs one worker with no-op handlers: a small heap, given so the machine's size does not pick it. */
    private static final String HEAP = "-Xmx256m";

    private final int count;
    private final int threads;
    private final List<Child> children = new ArrayList<>();
    private final Thread killer = new Thread(this::kill, "dagflow-bench-worker-process-killer");
    private RedisConfig server;

    WorkerProcesses(int count, int threads) {
        this.count = count;
        this.threads = threads;
    }

    /**
     * Starts every process's worker on the run's keys, launching the processes on first use, and
     * returns once all of them run.
     */
    void start(RedisConfig run, int nodes, List<String> executionIds) {
        if (server == null) {
            launch(run);
        } else if (!server.host().equals(run.host()) || server.port() != run.port()) {
            throw new IllegalStateException("worker processes serve " + server.address() + ", not " + run.address());
        }
        String command = "start " + run.keyPrefix() + " " + nodes + " " + String.join(" ", executionIds);
        children.forEach(child -> child.send(command));
        for (Child child : children) {
            child.expect("started", "start");
        }
    }

    /** Stops every process's worker; returns the nodes each ran in this run, in process order. */
    List<Long> stop() {
        children.forEach(child -> child.send("stop"));
        List<Long> nodes = new ArrayList<>();
        for (Child child : children) {
            String answer = child.answer("stop");
            if (!answer.startsWith("stopped ")) {
                throw new IllegalStateException(child.name + " answered '" + answer + "' to stop");
            }
            nodes.add(Long.parseLong(answer.substring("stopped ".length())));
        }
        return nodes;
    }

    /** The processes, once launched. */
    List<ProcessHandle> handles() {
        return children.stream().map(child -> child.process.toHandle()).toList();
    }

    private void launch(RedisConfig run) {
        server = run;
        Runtime.getRuntime().addShutdownHook(killer);
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (int i = 1; i <= count; i++) {
            String workerId = "worker-process-" + i;
            ProcessBuilder builder = new ProcessBuilder(java, HEAP, "-cp", System.getProperty("java.class.path"),
                    WorkerProcess.class.getName(), run.host(), Integer.toString(run.port()), workerId,
                    Integer.toString(threads))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            try {
                children.add(new Child(workerId, builder.start()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start worker process " + workerId + " with " + java + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        if (server == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook kills them.
            return;
        }
        kill();
    }

    private void kill() {
        children.forEach(child -> child.process.destroyForcibly());
        for (Child child : children) {
            try {
                child.process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One process and its two pipes. */
    private static final class Child {

        private final String name;
        private final Process process;
        private final Writer commands;
        private final BufferedReader answers;

        Child(String workerId, Process process) {
            this.name = "worker process " + workerId + " (pid " + process.pid() + ")";
            this.process = process;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void send(String command) {
            try {
                commands.write(command + "\n");
                commands.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(name + " does not take commands any more", e);
            }
        }

        /** Its answer to the command sent last; blocks until it comes. */
        String answer(String command) {
            String line;
            try {
                line = answers.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the answer of " + name, e);
            }
            if (line == null) {
                throw new IllegalStateException(name + " ended without answering '" + command
                        + "' (its error output is above)");
            }
            return line;
        }

        void expect(String expected, String command) {
            String line = answer(command);
            if (!line.equals(expected)) {
                throw new IllegalStateException(name + " answered '" + line + "' to '" + command + "'");
            }
        }
    }
}
