package io.dagflow.cli;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.handler.builtin.HttpDestinations;
import io.dagflow.redis.RedisBackend;
import io.dagflow.worker.Secrets;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Runs tasks from Redis queues until stopped. On SIGTERM or Ctrl-C it takes no new task, lets"
                + " running ones finish for the grace period, and hands the rest back to other workers.")
final class WorkerCommand implements Callable<Integer> {

    /** The line a supervisor (or a test) waits for before sending work. */
    static final String READY = "ready";

    @Spec
    CommandSpec spec;

    @Mixin
    RedisOptions redis = new RedisOptions();

    @Option(names = "--queues", paramLabel = "QUEUE", split = ",", defaultValue = "default",
            description = "Queues to take tasks from (default: ${DEFAULT-VALUE}).")
    List<String> queues = new ArrayList<>();

    @Option(names = "--concurrency", defaultValue = "4", description = "Tasks run at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--queue-limit", paramLabel = "QUEUE=N", split = ",",
            description = "At most N tasks of that queue at once on this worker, within --concurrency"
                    + " (repeatable: --queue-limit gpu=2 --queue-limit io=8).")
    Map<String, Integer> queueLimits = new LinkedHashMap<>();

    @Option(names = "--handlers", paramLabel = "JAR", split = ",", description = "Jars with custom handlers (META-INF/services).")
    List<Path> handlerJars = new ArrayList<>();

    @Option(names = "--secrets-file", paramLabel = "FILE",
            description = "A JSON object of secret names and values for {{secrets.NAME}} (besides DAGFLOW_SECRET_<NAME>).")
    Path secretsFile;

    @Option(names = "--allow-command", description = "Let the 'command' handler run processes.")
    boolean allowCommand;

    @Option(names = "--allow-http-host", paramLabel = "PATTERN",
            description = "A destination the 'http' handler may call (repeatable): *, a host, *.domain, an address"
                    + " or a range like 10.0.0.0/8. Loopback, link-local and private addresses need a pattern naming"
                    + " them; * covers only public ones. Default: any destination.")
    List<String> allowedHttpHosts = new ArrayList<>();

    @Option(names = "--worker-id", paramLabel = "ID",
            description = "This worker's name, unique among the workers (default: generated from host and process id).")
    String workerId;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "When stopping, how long running tasks may finish before they are handed back"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Override
    public Integer call() throws InterruptedException {
        if (!redis.given()) {
            throw new UserError("worker needs --redis URL: the Redis its orchestrators send tasks to");
        }
        if (concurrency < 1) {
            throw new UserError("--concurrency must be at least 1, was " + concurrency);
        }
        WorkerOptions options;
        try {
            options = new WorkerOptions(workerId != null ? workerId : "worker", queues, concurrency,
                    Duration.ofSeconds(1), queueLimits);
        } catch (IllegalArgumentException e) {
            throw new UserError("--queue-limit: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        HttpDestinations destinations;
        try {
            destinations = allowedHttpHosts.isEmpty() ? HttpDestinations.unrestricted()
                    : HttpDestinations.of(allowedHttpHosts, "; start the worker with --allow-http-host naming it");
        } catch (IllegalArgumentException e) {
            throw new UserError("--allow-http-host: " + e.getMessage());
        }
        HandlerRegistry handlers = Handlers.load(allowCommand, destinations, handlerJars);
        Secrets secrets = SecretsFile.load(secretsFile);
        String id = workerId != null ? workerId : ProcessIds.generate("worker");
        RedisBackend backend = redis.connect();
        Worker worker = new Worker(new WorkerOptions(id, queues, concurrency, Duration.ofSeconds(1),
                options.queueLimits()),
                backend.transport(), backend.stores().results(), backend.attemptReporter(), handlers).secrets(secrets);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("worker " + id + " stopping: running tasks have " + grace.toMillis() + " ms to finish");
            out.flush();
            worker.stop(grace);
            // Tasks that outlived the grace and their interrupt: the JVM is about to exit, their processes must not.
            Handlers.shutDownCommands(handlers);
            backend.close();
            out.println("worker " + id + " stopped");
            out.flush();
            stopped.countDown();
        }, "dagflow-worker-stop"));
        worker.start();
        out.println("worker " + id + " " + READY + ": queues " + String.join(",", queues) + ", concurrency "
                + concurrency + ", on " + backend.config().redactedUrl() + ", handlers "
                + String.join(",", handlers.types()));
        out.flush();
        // Runs until the process is told to stop; the shutdown hook does the stopping.
        stopped.await();
        return Main.COMPLETED;
    }
}
