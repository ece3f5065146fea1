package io.dagflow.handler.builtin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A named pipe that a command writes a line to once it has started what the test needs
 * ({@code echo ready > "$FIFO"}). Opening a pipe blocks until the other side opens it, so the
 * test waits for the command itself, not for time passing.
 */
public final class ReadySignal {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path path;
    private final CompletableFuture<String> line = new CompletableFuture<>();

    private ReadySignal(Path path) {
        this.path = path;
    }

    /** Creates the pipe in {@code directory} and starts listening on it. */
    public static ReadySignal in(Path directory) throws IOException, InterruptedException {
        Path path = directory.resolve("ready-" + System.nanoTime() + ".fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (!mkfifo.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
        ReadySignal signal = new ReadySignal(path);
        Thread reader = new Thread(signal::read, "ready-signal-" + path.getFileName());
        // A command that never writes leaves this thread blocked in open(); it must not hold the JVM.
        reader.setDaemon(true);
        reader.start();
        return signal;
    }

    private void read() {
        try {
            line.complete(Files.readString(path, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            line.completeExceptionally(new UncheckedIOException(e));
        }
    }

    public Path path() {
        return path;
    }

    /** Waits for the command to write its line, and returns it. */
    public String await() throws InterruptedException {
        try {
            return line.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("nothing was written to " + path + " within " + PATIENCE.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new AssertionError("reading " + path + " failed", e.getCause());
        }
    }
}
