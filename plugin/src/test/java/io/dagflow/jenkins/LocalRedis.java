package io.dagflow.jenkins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real redis-server (from the PATH) on a free loopback port, without persistence, for the tests
 * of Redis mode. It is ready when it says so on its standard output, which is read to the end so
 * that the server never blocks on a full pipe.
 */
final class LocalRedis implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LocalRedis start(String password) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(password, port, null);
    }

    /** A server on that port; with a directory, its data is kept there (append-only file) across restarts. */
    static LocalRedis start(String password, int port, Path dataDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", ""));
        if (dataDir == null) {
            command.addAll(List.of("--appendonly", "no"));
        } else {
            command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always", "--dir", dataDir.toString()));
        }
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line = out.readLine(); ; line = out.readLine()) {
            if (line == null) {
                process.waitFor();
                throw new IOException("redis-server exited with " + process.exitValue() + ":\n" + said);
            }
            said.append(line).append('\n');
            if (line.contains("Ready to accept connections")) {
                break;
            }
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // nothing to keep: the server only needs its pipe emptied
                }
            } catch (IOException ignored) {
                // the server has stopped
            }
        }, "redis-server output");
        drain.setDaemon(true);
        drain.start();
        return new LocalRedis(process, port);
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
