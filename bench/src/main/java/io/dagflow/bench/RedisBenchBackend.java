package io.dagflow.bench;

import io.dagflow.redis.RedisBackend;
import io.dagflow.redis.RedisConfig;
import io.dagflow.run.OrchestratorWrites;
import io.dagflow.store.Stores;
import io.dagflow.worker.AttemptReporter;
import io.dagflow.transport.Transport;
import io.dagflow.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;

/**
 * The distributed mode: Redis Streams transport and Redis stores, on a private server this
 * backend starts on first use and stops when the benchmark ends. Each run gets its own key
 * prefix and the database is emptied after it.
 */
final class RedisBenchBackend implements Backend, AutoCloseable {

    private final String binary;
    private RedisServer server;
    private int runs;

    RedisBenchBackend(String binary) {
        this.binary = binary;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public synchronized Environment open() {
        if (server == null) {
            server = RedisServer.start(binary);
        }
        RedisConfig config = RedisConfig.of("127.0.0.1", server.port()).withKeyPrefix("bench" + (++runs));
        RedisBackend backend = RedisBackend.connect(config);
        return new Environment() {
            @Override
            public Transport transport() {
                return backend.transport();
            }

            @Override
            public Stores stores() {
                return backend.stores();
            }

            @Override
            public WorkerOptions workerOptions(String workerId, int threads) {
                return RedisBenchBackend.workerOptions(workerId, threads);
            }

            @Override
            public Optional<RedisConfig> redisConfig() {
                return Optional.of(config);
            }

            @Override
            public AttemptReporter attemptReporter() {
                return backend.attemptReporter();
            }

            @Override
            public OrchestratorWrites orchestratorWrites() {
                return backend.orchestratorWrites();
            }

            @Override
            public void resetCommandCounts() {
                backend.commands().run("config resetstat", redis -> redis.executeCommand(
                        new CommandArguments(Protocol.Command.CONFIG).add(Protocol.Keyword.RESETSTAT)));
            }

            @Override
            public Optional<Map<String, Long>> commandCounts() {
                String info = backend.commands().call("info commandstats", redis -> redis.info("commandstats"));
                return Optional.of(parseCommandStats(info));
            }

            @Override
            public OptionalLong serverCpuNanos() {
                return server.cpuNanos();
            }

            @Override
            public void close() {
                try {
                    backend.commands().run("flushdb", redis -> redis.flushDB());
                } finally {
                    backend.close();
                }
            }
        };
    }

    /** How a benchmark worker on Redis runs, in the benchmark's JVM or in a worker process. */
    static WorkerOptions workerOptions(String workerId, int threads) {
        return new WorkerOptions(workerId, List.of("default"), threads, Duration.ofMillis(500));
    }

    /**
     * Calls per command from {@code INFO commandstats} lines such as
     * {@code cmdstat_xadd:calls=3,usec=12,...}, leaving out what the benchmark itself sends.
     */
    static Map<String, Long> parseCommandStats(String info) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            int colon = line.indexOf(':');
            String command = line.substring("cmdstat_".length(), colon);
            if (command.equals("info") || command.startsWith("config")) {
                continue;
            }
            for (String field : line.substring(colon + 1).split(",")) {
                if (field.startsWith("calls=")) {
                    calls.put(command, Long.parseLong(field.substring("calls=".length())));
                }
            }
        }
        return calls;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
