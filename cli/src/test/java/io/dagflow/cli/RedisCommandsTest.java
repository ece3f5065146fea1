package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.redis.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The commands that read or continue executions, on Redis instead of a store directory. */
@Timeout(120)
class RedisCommandsTest {

    private final String redis = RedisServerProcess.shared().url();
    private final String prefix = "commands-" + UUID.randomUUID().toString().substring(0, 8);

    private CommandOutput dagflow(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--redis";
        all[args.length + 1] = redis;
        all[args.length + 2] = "--key-prefix";
        all[args.length + 3] = prefix;
        return CommandOutput.run(all);
    }

    @Test
    void historyShowAndTimelineReadExecutionsRunOnRedis() {
        CommandOutput linear = dagflow("run", RunCommandTest.example("linear.json").toString(), "--input", "user=ada",
                "--json");
        CommandOutput failure = dagflow("run", RunCommandTest.example("failure.json").toString(), "--json");
        String failed = failure.json().path("execution_id").asText();

        JsonNode history = dagflow("history", "--json").json();
        JsonNode onlyFailed = dagflow("history", "--status", "FAILED", "--json").json();
        JsonNode shown = dagflow("show", failed, "--json").json();
        CommandOutput timeline = dagflow("timeline", failed);

        assertThat(linear.exitCode()).as(linear.err()).isZero();
        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(history).extracting(record -> record.path("workflow_name").asText())
                .containsExactly("failure", "linear");
        assertThat(history.get(0).path("owner").asText()).startsWith("orchestrator-");
        assertThat(onlyFailed).extracting(record -> record.path("execution_id").asText()).containsExactly(failed);
        assertThat(shown.path("nodes").path("charge").path("attempts").asInt()).isEqualTo(2);
        assertThat(shown.path("nodes").path("notify").path("blocked_by").asText()).isEqualTo("charge");
        assertThat(timeline.exitCode()).isZero();
        assertThat(timeline.out()).contains("charge").contains("audit");
    }

    @Test
    void rerunOnRedisReusesCompletedNodesAndRunsTheRestWithWorkersInThisProcess(@TempDir Path dir)
            throws Exception {
        Path gate = dir.resolve("gate");
        Path workflow = dir.resolve("gated.json");
        Files.writeString(workflow, """
                { "name": "gated", "dag": { "nodes": [
                  { "id": "fetch", "handler": "echo", "config": { "fetched": true } },
                  { "id": "gated", "handler": "command", "dependencies": ["fetch"],
                    "retry_policy": { "max_attempts": 1 }, "config": { "args": ["test", "-f", "%s"] } },
                  { "id": "publish", "handler": "output", "dependencies": ["gated"] }
                ] } }
                """.formatted(gate));
        CommandOutput first = dagflow("run", workflow.toString(), "--allow-command", "--json");
        String original = first.json().path("execution_id").asText();
        Files.writeString(gate, "open");

        CommandOutput rerun = dagflow("rerun", original, "--allow-command", "--orchestrator-id", "rerunner");

        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains("fetch reused from " + original).contains("orchestrator rerunner on redis://")
                .contains("workflow completed");
        JsonNode latest = dagflow("history", "--limit", "1", "--json").json().get(0);
        assertThat(latest.path("rerun_of").asText()).isEqualTo(original);
        assertThat(latest.path("owner").asText()).isEqualTo("rerunner");
    }

    @Test
    void aWorkerRefusesALimitForAQueueItDoesNotServe() {
        CommandOutput worker = dagflow("worker", "--queues", "cpu", "--queue-limit", "gpu=2");

        assertThat(worker.exitCode()).isEqualTo(2);
        assertThat(worker.err()).contains("--queue-limit: a limit for queue 'gpu', which the worker does not serve"
                + " (it serves cpu)");
    }

    @Test
    void anUnknownExecutionIsAUsageErrorForEveryCommand() {
        for (String command : new String[] {"show", "timeline", "rerun", "resume", "cancel"}) {
            CommandOutput output = dagflow(command, "no-such-execution");
            assertThat(output.exitCode()).as(command).isEqualTo(2);
            assertThat(output.err()).as(command).contains("no execution no-such-execution");
        }
    }

    @Test
    void storeAndRedisTogetherOrNeitherAreUsageErrors(@TempDir Path dir) {
        CommandOutput both = dagflow("history", "--store", dir.toString());
        CommandOutput neither = CommandOutput.run("history");
        CommandOutput workerWithoutRedis = CommandOutput.run("worker");
        CommandOutput cancelWithoutRedis = CommandOutput.run("cancel", "e1");
        CommandOutput resumeOnAStore = CommandOutput.run("resume", "e1", "--store", dir.toString());
        CommandOutput zeroWorkersEmbedded = CommandOutput.run("run", RunCommandTest.example("linear.json").toString(),
                "--workers", "0");
        CommandOutput orchestratorIdEmbedded = CommandOutput.run("run",
                RunCommandTest.example("linear.json").toString(), "--orchestrator-id", "o");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either --store DIR or --redis URL, not both");
        assertThat(neither.err()).contains("--store DIR or --redis URL");
        assertThat(workerWithoutRedis.err()).contains("worker needs --redis URL");
        assertThat(cancelWithoutRedis.err()).contains("cancel needs --redis URL");
        assertThat(resumeOnAStore.err()).contains("resume needs --redis").contains("dagflow rerun e1");
        assertThat(zeroWorkersEmbedded.err()).contains("--workers must be at least 1 without --redis");
        assertThat(orchestratorIdEmbedded.err()).contains("--orchestrator-id").contains("needs --redis");
        assertThat(java.util.List.of(neither, workerWithoutRedis, cancelWithoutRedis, resumeOnAStore,
                zeroWorkersEmbedded, orchestratorIdEmbedded)).allSatisfy(output ->
                        assertThat(output.exitCode()).isEqualTo(2));
    }

    @Test
    void anUnreachableRedisIsAUsageErrorNamingTheServer() {
        CommandOutput output = CommandOutput.run("history", "--redis", "redis://127.0.0.1:1");

        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("Cannot reach Redis at 127.0.0.1:1");
    }

    @Test
    void badDurationsAreUsageErrorsSayingWhatIsAccepted() {
        CommandOutput output = dagflow("worker", "--visibility-timeout", "soon");

        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("'soon' is not a duration").contains("500ms");
    }

    @Test
    void aRunWithAMadeUpOrchestratorIdLeavesNoResultStreamBehindButANamedOrchestratorKeepsIts() {
        CommandOutput madeUp = dagflow("run", RunCommandTest.example("linear.json").toString(), "--input", "user=ada");
        java.util.Set<String> afterMadeUp = resultStreams();
        CommandOutput named = dagflow("run", RunCommandTest.example("linear.json").toString(), "--input", "user=ada",
                "--orchestrator-id", "nightly");
        java.util.Set<String> afterNamed = resultStreams();

        assertThat(madeUp.exitCode()).as(madeUp.err()).isZero();
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(afterMadeUp).isEmpty();
        assertThat(afterNamed).containsExactly(prefix + ":r:nightly");
    }

    private java.util.Set<String> resultStreams() {
        try (io.dagflow.redis.RedisBackend backend = io.dagflow.redis.RedisBackend.connect(
                io.dagflow.redis.RedisConfig.parse(redis).withKeyPrefix(prefix))) {
            return backend.commands().call("list result streams", jedis -> jedis.keys(prefix + ":r:*"));
        }
    }
}
