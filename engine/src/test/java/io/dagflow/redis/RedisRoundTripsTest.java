package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.WorkflowLoader;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What one more node of a chain costs on Redis: round trips counted by the clients (a pipeline
 * or a script is one) and commands counted by the server (INFO commandstats). The cost of a
 * node is the difference between a chain of {@value #LONG} nodes and a chain of one, divided by
 * the {@value #LONG} - 1 extra nodes, so that per-execution costs (records, definitions, consumer
 * groups) do not count.
 */
@Timeout(60)
class RedisRoundTripsTest {

    private static final int LONG = 21;
    private static final int WIDE = 200;
    private static final Pattern COMMAND_STATS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

    private static RedisServerProcess server;

    /** What one run cost, counted by orchestrator, worker and server. */
    private record Cost(long orchestratorCalls, long workerCalls, long blockingReads, Map<String, Long> commands) {

        long totalCommands() {
            return commands.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @BeforeAll
    static void startServer() {
        server = RedisServerProcess.builder().start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void eachNodeOfAChainCostsAFewRoundTripsWhateverItsLength() throws Exception {
        Cost one = run(1);
        Cost many = run(LONG);

        double orchestrator = perNode(many.orchestratorCalls(), one.orchestratorCalls());
        double worker = perNode(many.workerCalls(), one.workerCalls());
        double blocking = perNode(many.blockingReads(), one.blockingReads());
        double commands = perNode(many.totalCommands(), one.totalCommands());
        Map<String, Double> perCommand = new TreeMap<>();
        many.commands().forEach((command, calls) ->
                perCommand.put(command, perNode(calls, one.commands().getOrDefault(command, 0L))));
        String report = String.format(Locale.ROOT, "per node: orchestrator %.2f, worker %.2f, blocking reads %.2f"
                + " round trips; %.2f commands %s", orchestrator, worker, blocking, commands, perCommand);
        System.out.println(report);

        // Worker: one claim script (a quick task is reported started by its outcome), one ending script.
        assertThat(worker).as(report).isLessThanOrEqualTo(2.5);
        // Orchestrator: one script for the outcome (its events, the next node's dispatch key and task,
        // the acknowledgement).
        assertThat(orchestrator).as(report).isLessThanOrEqualTo(1.5);
        // One read for the worker's task, one for the orchestrator's result.
        assertThat(blocking).as(report).isLessThanOrEqualTo(2.5);
        assertThat(orchestrator + worker + blocking).as(report).isLessThanOrEqualTo(6);
    }

    @Test
    void independentNodesShareTheirRoundTrips() throws Exception {
        Cost cost = run(parse(wide("wide", WIDE)), 16);

        double perNode = (cost.orchestratorCalls() + cost.workerCalls() + cost.blockingReads()) / (double) WIDE;
        String report = String.format(Locale.ROOT, "%d independent nodes: orchestrator %d, worker %d, blocking reads"
                + " %d round trips, %.2f per node", WIDE, cost.orchestratorCalls(), cost.workerCalls(),
                cost.blockingReads(), perNode);
        System.out.println(report);

        // Per node alone, a claim, an ending, a task read, two result reads and two orchestrator
        // scripts would make seven; batches of up to 16 tasks and of every waiting result share them.
        assertThat(perNode).as(report).isLessThan(2);
    }

    private Cost run(int length) throws Exception {
        return run(parse(chain("chain-" + length, length)), 1);
    }

    private Cost run(WorkflowDefinition measured, int workerThreads) throws Exception {
        String prefix = "trips-" + measured.name();
        try (RedisBackend orchestratorSide = RedisBackend.connect(server.config(prefix));
                RedisBackend workerSide = RedisBackend.connect(server.config(prefix))) {
            Worker worker = new Worker(new WorkerOptions("worker", List.of("default"), workerThreads, Duration.ofSeconds(5)),
                    workerSide.transport(), workerSide.stores().results(), workerSide.attemptReporter(),
                    new HandlerRegistry().register("step", ctx -> Json.tree("{\"n\": 1}"))).start();
            WorkflowEngine engine = WorkflowEngine.builder(orchestratorSide.transport(), orchestratorSide.stores())
                    .orchestratorWrites(orchestratorSide.orchestratorWrites())
                    .orchestratorId("orchestrator").definitionParser(RedisRoundTripsTest::parse).build();
            try {
                // Connections and consumer groups exist before counting starts.
                ExecutionResult warmUp = engine.start(parse(chain("warm-up", 1)), Json.object(),
                        StartOptions.defaults()).await();
                assertThat(warmUp.status()).isEqualTo(WorkflowStatus.COMPLETED);
                orchestratorSide.commands().call("reset statistics", jedis -> jedis.sendCommand(redis.clients.jedis.Protocol.Command.CONFIG, "RESETSTAT"));
                long orchestratorBefore = orchestratorSide.commands().roundTrips();
                long workerBefore = workerSide.commands().roundTrips();
                long blockingBefore = orchestratorSide.blockingRoundTrips() + workerSide.blockingRoundTrips();

                ExecutionResult result = engine.start(measured, Json.object(), StartOptions.defaults()).await();

                Map<String, Long> commands = commandStats(orchestratorSide);
                assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
                // Less the statistics read, which went through the orchestrator's connection.
                return new Cost(orchestratorSide.commands().roundTrips() - orchestratorBefore - 1,
                        workerSide.commands().roundTrips() - workerBefore,
                        orchestratorSide.blockingRoundTrips() + workerSide.blockingRoundTrips() - blockingBefore,
                        commands);
            } finally {
                worker.stop(Duration.ofSeconds(1));
                engine.close();
            }
        }
    }

    private static Map<String, Long> commandStats(RedisBackend backend) {
        String info = backend.commands().call("read command statistics", jedis -> jedis.info("commandstats"));
        Map<String, Long> calls = new TreeMap<>();
        Matcher matcher = COMMAND_STATS.matcher(info);
        while (matcher.find()) {
            calls.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        // The statistics reset and this read are the test's own.
        calls.computeIfPresent("config|resetstat", (command, count) -> count - 1);
        calls.computeIfPresent("info", (command, count) -> count - 1);
        calls.values().removeIf(count -> count == 0);
        return calls;
    }

    private static double perNode(long many, long one) {
        return (many - one) / (double) (LONG - 1);
    }

    private static String chain(String name, int length) {
        StringBuilder nodes = new StringBuilder();
        for (int i = 1; i <= length; i++) {
            nodes.append(i > 1 ? ",\n" : "").append("{\"id\": \"n").append(i).append("\", \"handler\": \"step\"");
            if (i > 1) {
                nodes.append(", \"dependencies\": [\"n").append(i - 1).append("\"]");
            }
            nodes.append("}");
        }
        return "{\"name\": \"" + name + "\", \"dag\": {\"nodes\": [\n" + nodes + "\n]}}";
    }

    private static String wide(String name, int width) {
        StringBuilder nodes = new StringBuilder();
        for (int i = 1; i <= width; i++) {
            nodes.append(i > 1 ? ",\n" : "").append("{\"id\": \"n").append(i).append("\", \"handler\": \"step\"}");
        }
        return "{\"name\": \"" + name + "\", \"dag\": {\"nodes\": [\n" + nodes + "\n]}}";
    }

    private static WorkflowDefinition parse(String source) {
        try {
            return new WorkflowLoader().parse(source, "test.json");
        } catch (InvalidWorkflowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
