package io.dagflow.bench;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.redis.RedisBackend;
import io.dagflow.redis.RedisConfig;
import io.dagflow.worker.Worker;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A benchmark worker in a JVM of its own, driven by {@link WorkerProcesses} over its standard
 * streams, one line each way:
 * <ul>
 *   <li>{@code start <key prefix> <nodes> <execution id>...}: runs one worker on that run's keys,
 *       serving queue {@code default}, and answers {@code started} once it runs;</li>
 *   <li>{@code stop}: stops the worker and answers {@code stopped <nodes it ran>}.</li>
 * </ul>
 * It ends when its standard input closes, so it does not outlive a benchmark that was killed.
 *
 * <p>Arguments: {@code <redis host> <redis port> <worker id> <threads>}.
 */
public final class WorkerProcess {

    private final RedisConfig server;
    private final String workerId;
    private final int threads;
    private Run run;

    /** One run's worker and what its handler noted. */
    private record Run(RedisBackend backend, Worker worker, List<Timings> timings) {
    }

    private WorkerProcess(RedisConfig server, String workerId, int threads) {
        this.server = server;
        this.workerId = workerId;
        this.threads = threads;
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: WorkerProcess <redis host> <redis port> <worker id> <threads>");
            System.exit(2);
        }
        // The answers are the only lines on standard output, whatever else may print.
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        WorkerProcess process = new WorkerProcess(RedisConfig.of(args[0], Integer.parseInt(args[1])), args[2],
                Integer.parseInt(args[3]));
        int exitCode = 0;
        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = commands.readLine()) != null) {
                answers.println(process.answer(line));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("dagflow-bench: worker process " + args[2] + " failed: " + e);
            exitCode = 1;
        } finally {
            process.stopRun();
        }
        // Connection pools may hold threads that would keep the JVM alive.
        System.exit(exitCode);
    }

    private String answer(String line) {
        List<String> words = Arrays.asList(line.split(" "));
        switch (words.get(0)) {
            case "start" -> {
                if (words.size() < 3) {
                    throw new IllegalArgumentException("start needs a key prefix and a node count: '" + line + "'");
                }
                start(words.get(1), Integer.parseInt(words.get(2)), words.subList(3, words.size()));
                return "started";
            }
            case "stop" -> {
                return "stopped " + stopRun();
            }
            default -> throw new IllegalArgumentException("unknown command '" + line + "'");
        }
    }

    private void start(String keyPrefix, int nodes, List<String> executionIds) {
        if (run != null) {
            throw new IllegalStateException("a run is going on already");
        }
        TimedNoOpHandler handler = new TimedNoOpHandler();
        List<Timings> timings = new ArrayList<>();
        for (String executionId : executionIds) {
            timings.add(handler.track(executionId, nodes));
        }
        RedisBackend backend = RedisBackend.connect(server.withKeyPrefix(keyPrefix));
        Worker worker = new Worker(RedisBenchBackend.workerOptions(workerId, threads), backend.transport(),
                backend.stores().results(), backend.attemptReporter(), new HandlerRegistry().register(handler));
        run = new Run(backend, worker, timings);
        worker.start();
    }

    /** Stops the run's worker, if any, and returns the nodes it ran. */
    private long stopRun() {
        if (run == null) {
            return 0;
        }
        try {
            run.worker().stop(Duration.ofSeconds(2));
        } finally {
            run.backend().close();
        }
        long nodes = run.timings().stream().mapToLong(Timings::recordedNodes).sum();
        run = null;
        return nodes;
    }
}
