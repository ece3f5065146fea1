package io.dagflow.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis server for tests, started as a child process on a free loopback port with its
 * data in a temporary folder.
 *
 * <p>The binary is {@code redis-server} from the PATH when there is one (CI installs Debian's),
 * else the linux-amd64 build shipped inside the test dependency
 * {@code com.github.codemonstur:embedded-redis}, copied out and made executable. The system
 * property or environment variable {@code DAGFLOW_TEST_REDIS_SERVER} may name another binary, or
 * {@code embedded} to force the shipped one.
 *
 * <p>Shared by the engine's and the command line's tests (the engine's test jar).
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final String BINARY_SETTING = "DAGFLOW_TEST_REDIS_SERVER";
    private static final String EMBEDDED_RESOURCE = "/redis-server-6.2.6-v5-linux-amd64";
    private static final String READY_LINE = "Ready to accept connections";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final int OUTPUT_LINES_KEPT = 40;

    private static Path embeddedBinary;
    private static RedisServerProcess shared;

    private final Path binary;
    private final List<String> options;
    private final Path dir;
    private final int port;
    private final String requirePass;
    private Process process;
    private Deque<String> output = new ArrayDeque<>();

    private RedisServerProcess(Path binary, List<String> options, Path dir, int port, String requirePass) {
        this.binary = binary;
        this.options = List.copyOf(options);
        this.dir = dir;
        this.port = port;
        this.requirePass = requirePass;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plain server for the whole test JVM, stopped when the JVM exits; isolate tests by key prefix. */
    public static synchronized RedisServerProcess shared() {
        if (shared == null || !shared.isRunning()) {
            shared = builder().start();
            RedisServerProcess server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-shared-redis"));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path binary() {
        return binary;
    }

    /** {@code redis://127.0.0.1:<port>/0}, without credentials. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** A client configuration for this server with the given key prefix and no credentials. */
    public RedisConfig config(String keyPrefix) {
        RedisConfig config = RedisConfig.of("127.0.0.1", port).withKeyPrefix(keyPrefix);
        return requirePass == null ? config : config.withPassword(requirePass);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server the way an operator would (SIGTERM): it writes its append-only file and exits. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit();
    }

    /** Kills the server at once (SIGKILL), as a crash would: only what was already persisted survives. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit();
    }

    /** Starts the server again on the same port and folder, with the same options. */
    public synchronized RedisServerProcess restart() {
        if (isRunning()) {
            stop();
        }
        launch();
        return this;
    }

    /** Kills the server and deletes its folder. */
    @Override
    public synchronized void close() {
        kill();
        deleteRecursively(dir);
    }

    /** The server's last lines of output, for failure messages. */
    public synchronized String recentOutput() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping Redis on port " + port, e);
        } finally {
            process = null;
        }
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--daemonize", "no", "--logfile", "", "--loglevel", "notice"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Deque<String> lines = new ArrayDeque<>();
        CountDownLatch ready = new CountDownLatch(1);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        output = lines;
        Process started = process;
        Thread reader = new Thread(() -> readOutput(started.getInputStream(), lines, ready), "redis-" + port + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean signalled = ready.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!signalled || !started.isAlive()) {
                started.destroyForcibly();
                started.waitFor(5, TimeUnit.SECONDS);
                process = null;
                throw new IllegalStateException("Redis (" + binary + ") did not become ready on port " + port
                        + (signalled ? "; it exited" : " within " + START_TIMEOUT.toSeconds() + " s") + ". Output:\n"
                        + recentOutput());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
            process = null;
            throw new IllegalStateException("Interrupted while starting Redis", e);
        }
        ping();
    }

    /** Confirms with a PING over a plain socket that the port answers like Redis (NOAUTH counts). */
    private void ping() {
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                if (reply != null && (reply.startsWith("+PONG") || reply.startsWith("-NOAUTH"))) {
                    return;
                }
                failure = new IllegalStateException("Redis on port " + port + " answered PING with " + reply);
            } catch (IOException e) {
                failure = new IllegalStateException("Redis on port " + port + " does not accept connections", e);
            }
        }
        throw failure;
    }

    private static void readOutput(InputStream stream, Deque<String> lines, CountDownLatch ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > OUTPUT_LINES_KEPT) {
                        lines.removeFirst();
                    }
                }
                if (line.contains(READY_LINE)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // The process ended; its exit is noticed by whoever waits for it.
        } finally {
            // An exited process must not leave its starter waiting for the full timeout.
            ready.countDown();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for Redis", e);
        }
    }

    static synchronized Path findBinary() {
        String setting = System.getProperty(BINARY_SETTING, System.getenv(BINARY_SETTING));
        if (setting != null && !setting.isBlank() && !setting.equals("embedded")) {
            Path configured = Path.of(setting);
            if (!Files.isExecutable(configured)) {
                throw new IllegalStateException(BINARY_SETTING + " names " + setting + ", which is not executable");
            }
            return configured;
        }
        if (!"embedded".equals(setting)) {
            String path = System.getenv("PATH");
            if (path != null) {
                for (String folder : path.split(java.io.File.pathSeparator)) {
                    if (folder.isEmpty()) {
                        continue;
                    }
                    Path candidate = Path.of(folder, "redis-server");
                    if (Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        return bundledBinary();
    }

    /** The linux-amd64 redis-server shipped in the embedded-redis test dependency, copied out once. */
    static Path bundledBinary() {
        if (embeddedBinary != null) {
            return embeddedBinary;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("No redis-server on the PATH, and the bundled one is for linux-amd64 only"
                    + " (this is " + os + "-" + arch + "): install Redis");
        }
        try (InputStream in = RedisServerProcess.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No redis-server on the PATH and no " + EMBEDDED_RESOURCE
                        + " on the test class path (it comes with com.github.codemonstur:embedded-redis)");
            }
            Path folder = Files.createTempDirectory("dagflow-redis-bin");
            Path target = folder.resolve("redis-server");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            if (!target.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("Cannot make " + target + " executable");
            }
            target.toFile().deleteOnExit();
            folder.toFile().deleteOnExit();
            embeddedBinary = target;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the bundled redis-server out of its jar", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }

    /** Server options; every server runs on loopback, in its own folder, without RDB snapshots. */
    public static final class Builder {

        private boolean appendOnly;
        private String requirePass;
        private final List<String> extra = new ArrayList<>();
        private Path binary;

        private Builder() {
        }

        /** Append-only persistence with fsync on every write, so a killed server keeps every acknowledged write. */
        public Builder appendOnly(boolean enabled) {
            this.appendOnly = enabled;
            return this;
        }

        /** The password of the {@code default} user. */
        public Builder requirePass(String password) {
            this.requirePass = password;
            return this;
        }

        /** An ACL user allowed every command and key. */
        public Builder aclUser(String name, String password) {
            extra.addAll(List.of("--user", name, "on", ">" + password, "~*", "&*", "+@all"));
            return this;
        }

        /** Any other {@code redis-server --name value...} option. */
        public Builder option(String name, String... values) {
            extra.add("--" + name);
            extra.addAll(List.of(values));
            return this;
        }

        /** Uses this binary instead of looking one up. */
        public Builder binary(Path redisServer) {
            this.binary = redisServer;
            return this;
        }

        public RedisServerProcess start() {
            Path executable = binary != null ? binary : findBinary();
            List<String> options = new ArrayList<>(List.of("--save", ""));
            options.addAll(List.of("--appendonly", appendOnly ? "yes" : "no"));
            if (appendOnly) {
                options.addAll(List.of("--appendfsync", "always"));
            }
            if (requirePass != null) {
                options.addAll(List.of("--requirepass", requirePass));
            }
            options.addAll(extra);
            Path dir;
            try {
                dir = Files.createTempDirectory("dagflow-redis");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a folder for Redis", e);
            }
            IllegalStateException lastFailure = null;
            // Another process may take the free port between our check and Redis binding it.
            for (int attempt = 0; attempt < 3; attempt++) {
                RedisServerProcess server = new RedisServerProcess(executable, options, dir, freePort(), requirePass);
                try {
                    server.launch();
                    return server;
                } catch (IllegalStateException e) {
                    lastFailure = e;
                    if (!server.recentOutput().contains("Address already in use")) {
                        break;
                    }
                }
            }
            deleteRecursively(dir);
            throw lastFailure;
        }
    }
}
