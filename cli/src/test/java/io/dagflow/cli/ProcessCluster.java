package io.dagflow.cli;

import io.dagflow.cli.distributed.RecordedWorkHandler;
import io.dagflow.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dagflow processes sharing one Redis under a key prefix of their own: workers, orchestrators,
 * and the commands that inspect them. Workflows use {@link RecordedWorkHandler}, packaged in a
 * handler jar, whose effects are counted in {@link #runs}. Closing kills what still runs.
 */
final class ProcessCluster implements AutoCloseable {

    private static final Pattern STARTED_AS = Pattern.compile("started as (\\S+)");

    private final String redisUrl;
    private final String keyPrefix = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path dir;
    private final Path handlerJar;
    private final List<DagflowProcess> processes = new ArrayList<>();

    ProcessCluster(String redisUrl, Path dir) throws IOException {
        this.redisUrl = redisUrl;
        this.dir = dir;
        this.handlerJar = HandlerJar.build(dir, RecordedWorkHandler.class);
    }

    /** {@code --redis URL --key-prefix P}: the options every command of this cluster takes. */
    List<String> redisOptions() {
        return List.of("--redis", redisUrl, "--key-prefix", keyPrefix);
    }

    /** Starts a worker process and waits until it says it is ready. */
    DagflowProcess worker(String id, String... options) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("worker", "--worker-id", id, "--handlers", handlerJar.toString()));
        args.addAll(redisOptions());
        args.addAll(List.of(options));
        DagflowProcess worker = start(id, args);
        worker.awaitLine("worker " + id + " " + WorkerCommand.READY);
        return worker;
    }

    /** Starts {@code dagflow run FILE} as an orchestrator on this cluster's Redis. */
    DagflowProcess run(String name, Path workflow, String... options) {
        List<String> args = new ArrayList<>(List.of("run", workflow.toString(), "--handlers", handlerJar.toString()));
        args.addAll(redisOptions());
        args.addAll(List.of(options));
        return start(name, args);
    }

    /** Starts any dagflow command; add {@link #redisOptions()} where it needs Redis. */
    DagflowProcess start(String name, List<String> args) {
        return start(name, Map.of(), args);
    }

    DagflowProcess start(String name, Map<String, String> environment, List<String> args) {
        DagflowProcess process = DagflowProcess.start(name, environment, args);
        processes.add(process);
        return process;
    }

    /** Runs a command in this JVM with {@link #redisOptions()} appended. */
    CommandOutput command(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(redisOptions());
        return CommandOutput.run(all.toArray(String[]::new));
    }

    Path handlerJar() {
        return handlerJar;
    }

    /**
     * Writes a workflow of {@code recorded_work} nodes, each given as {@code id:millis}; in a
     * chain each depends on the one before, otherwise they are independent.
     */
    Path workflow(String name, boolean chain, String... nodesAndMillis) throws IOException {
        StringBuilder nodes = new StringBuilder();
        String previous = null;
        for (String node : nodesAndMillis) {
            String[] parts = node.split(":", 2);
            if (nodes.length() > 0) {
                nodes.append(",\n");
            }
            nodes.append("{\"id\": \"").append(parts[0]).append("\", \"handler\": \"")
                    .append(RecordedWorkHandler.TYPE).append("\", \"config\": {\"dir\": ")
                    .append(Json.write(dir.toString())).append(", \"millis\": ").append(parts[1]).append("}");
            if (chain && previous != null) {
                nodes.append(", \"dependencies\": [\"").append(previous).append("\"]");
            }
            nodes.append("}");
            previous = parts[0];
        }
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, "{\"name\": \"" + name + "\", \"dag\": {\"nodes\": [\n" + nodes + "\n]}}\n");
        return file;
    }

    /** The lines {@code <pid> <node> <attempt>} of each time a node's work took effect. */
    List<String> runs(String node) throws IOException {
        Path file = dir.resolve(node + ".runs");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** The execution id a run printed when its workflow started. */
    static String executionId(DagflowProcess run) throws InterruptedException {
        Matcher matcher = STARTED_AS.matcher(run.awaitLine(" started as "));
        if (!matcher.find()) {
            throw new AssertionError("no execution id in the start line\n" + run.transcript());
        }
        return matcher.group(1);
    }

    @Override
    public void close() throws InterruptedException {
        for (DagflowProcess process : processes) {
            process.close();
        }
    }
}
