package io.dagflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code dagflow} command in a JVM of its own, started as an operator would start it, with this
 * test's class path. Every line it prints is kept, so a test waits for a line (a worker's
 * "ready", a node's "started") instead of sleeping; every wait has a limit.
 */
final class DagflowProcess implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();

    private DagflowProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        follow(process.getInputStream(), out, "out");
        follow(process.getErrorStream(), err, "err");
    }

    static DagflowProcess start(String name, Map<String, String> environment, List<String> args) {
        return start(name, environment, List.of(), args);
    }

    static DagflowProcess start(String name, Map<String, String> environment, List<String> jvmOptions,
            List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small, quick-starting JVMs: several run at once on a small machine.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(RedisOptions.PASSWORD_VARIABLE);
        builder.environment().putAll(environment);
        try {
            return new DagflowProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    static DagflowProcess start(String name, String... args) {
        return start(name, Map.of(), List.of(args));
    }

    long pid() {
        return process.pid();
    }

    /** Waits for a line of standard output that contains {@code text}, and returns it. */
    String awaitLine(String text) throws InterruptedException {
        return awaitLine(line -> line.contains(text), "a line containing '" + text + "'");
    }

    String awaitLine(Predicate<String> wanted, String description) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (out) {
            int seen = 0;
            while (true) {
                for (; seen < out.size(); seen++) {
                    if (wanted.test(out.get(seen))) {
                        return out.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (streamsClosed()) {
                    throw new AssertionError(name + " printed no " + description + " before it exited\n" + transcript());
                }
                if (left <= 0) {
                    throw new AssertionError(name + " printed no " + description + " within " + PATIENCE.toSeconds()
                            + " s\n" + transcript());
                }
                out.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + PATIENCE.toSeconds() + " s\n" + transcript());
        }
        awaitStreams();
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, as when a machine dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM: what a service manager sends to stop a process; shutdown hooks run. */
    void terminate() {
        // Process.destroy() would also close the streams, losing what the process prints while it stops.
        process.toHandle().destroy();
    }

    /** SIGINT: what Ctrl-C sends in a terminal; shutdown hooks run. */
    void interrupt() throws InterruptedException {
        signal("INT");
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}, ...) with kill(1): the JDK sends only TERM and KILL. */
    void signal(String name) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed\n" + transcript());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        }
    }

    /**
     * Whether processes started from this JVM ignore SIGINT (they inherit it, as from a shell
     * that started the build in the background); a JVM that ignores it at start never handles it.
     */
    static boolean childrenIgnoreSigint() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0b10) != 0;
                }
            }
        } catch (IOException e) {
            // No /proc: not Linux, where the tests that send signals do not run.
        }
        return false;
    }

    String output() {
        synchronized (out) {
            return String.join("\n", out);
        }
    }

    String errors() {
        synchronized (out) {
            return String.join("\n", err);
        }
    }

    String transcript() {
        return "--- " + name + " output ---\n" + output() + "\n--- " + name + " errors ---\n" + errors();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private int closedStreams;

    private boolean streamsClosed() {
        return closedStreams == 2;
    }

    private void awaitStreams() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (out) {
            while (!streamsClosed() && System.nanoTime() < deadline) {
                out.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
    }

    private void follow(InputStream stream, List<String> lines, String which) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (out) {
                        lines.add(line);
                        out.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process was killed; what it printed so far is kept.
            } finally {
                synchronized (out) {
                    closedStreams++;
                    out.notifyAll();
                }
            }
        }, name + "-" + which);
        reader.setDaemon(true);
        reader.start();
    }
}
