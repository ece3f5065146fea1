package io.dagflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private {@code redis-server} for the benchmark: started from the PATH (or the binary given)
 * on a free loopback port, its folder in a temporary directory, without persistence so that the
 * figures show the engine and Redis rather than the disk.
 */
final class RedisServer implements AutoCloseable {

    private static final String READY_LINE = "Ready to accept connections";
    private static final long START_TIMEOUT_SECONDS = 20;
    /** Linux's USER_HZ, the unit of the CPU times in /proc, on every common architecture. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final Path dir;
    private final int port;
    private final Deque<String> output = new ArrayDeque<>();

    private RedisServer(String binary) {
        try {
            this.dir = Files.createTempDirectory("dagflow-bench-redis");
            this.port = freePort();
            this.process = new ProcessBuilder(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no",
                    "--logfile", ""))
                    .directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary + " (install redis-server or give "
                    + "--redis-server PATH): " + e.getMessage(), e);
        }
    }

    static RedisServer start(String binary) {
        RedisServer server = new RedisServer(binary);
        server.awaitReady(binary);
        return server;
    }

    int port() {
        return port;
    }

    /**
     * CPU time (user and system) the server used so far, from {@code /proc/<pid>/stat} at its
     * clock-tick resolution (usually 10 ms); empty where there is no such file.
     */
    OptionalLong cpuNanos() {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat);
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private void awaitReady(String binary) {
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> readOutput(ready), "redis-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || !process.isAlive()) {
                close();
                throw new IllegalStateException(binary + " did not become ready on port " + port + ":\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting " + binary, e);
        }
    }

    private void readOutput(CountDownLatch ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > 20) {
                        output.removeFirst();
                    }
                }
                if (line.contains(READY_LINE)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // The server stopped; its exit shows in isAlive().
        }
        ready.countDown();
    }

    private String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
