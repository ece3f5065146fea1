package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.redis.RedisBackend;
import io.dagflow.redis.RedisKeys;
import io.dagflow.redis.RedisServerProcess;
import io.dagflow.worker.Worker;
import io.dagflow.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Messages an adversary writes into the task and result streams while {@code dagflow run}
 * orchestrates on Redis: results and cancel requests for executions that do not exist or that
 * another orchestrator owns, tasks forged for them (whose results a real worker sends back), and
 * entries that are not messages.
 * None may stay pending, and none may keep a run from cleaning up after itself.
 */
@Timeout(120)
class StrayMessagesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String prefix = "stray-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisBackend backend = RedisBackend.connect(RedisServerProcess.shared().config(prefix));
    private final RedisKeys keys = backend.keys();
    private Worker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(1));
        }
        backend.close();
    }

    @Test
    void strayForgedAndMalformedMessagesAreDeadLetteredSoNothingStaysPendingAndNoResultStreamIsLeft(
            @TempDir Path dir) throws Exception {
        // given an execution another orchestrator ran, and a run on Redis whose one node waits, in a
        // worker of this test, until it is let go
        CommandOutput elsewhere = CommandOutput.run("run", RunCommandTest.example("linear.json").toString(),
                "--redis", RedisServerProcess.shared().url(), "--key-prefix", prefix, "--orchestrator-id",
                "someone-else", "--json");
        String othersExecution = elsewhere.json().path("execution_id").asText();
        AtomicReference<String> executionId = new AtomicReference<>();
        CountDownLatch gateRuns = new CountDownLatch(1);
        CountDownLatch openGate = new CountDownLatch(1);
        worker = new Worker(new WorkerOptions("test-worker", List.of("default"), 2, Duration.ofMillis(200)),
                backend.transport(), backend.stores().results(), backend.attemptReporter(),
                new HandlerRegistry().register("echo", context -> {
                    if (context.nodeId().equals("gate")) {
                        executionId.set(context.executionId());
                        gateRuns.countDown();
                        openGate.await();
                    }
                    return context.config();
                })).start();
        Path workflow = dir.resolve("gated.json");
        Files.writeString(workflow, """
                {"name": "gated", "dag": {"nodes": [{"id": "gate", "handler": "echo", "config": {"open": true}}]}}
                """);
        CompletableFuture<CommandOutput> run = CompletableFuture.supplyAsync(() -> CommandOutput.run("run",
                workflow.toString(), "--redis", RedisServerProcess.shared().url(), "--key-prefix", prefix,
                "--workers", "0", "--json"));
        assertThat(gateRuns.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the gate node runs").isTrue();
        String orchestrator = backend.stores().executions().find(executionId.get()).orElseThrow().owner();
        String results = keys.resultStream(orchestrator);
        String tasks = keys.taskStream("default");

        // when stray, forged and malformed entries arrive while it runs
        add(results, "{\"execution_id\": \"no-such-execution\", \"node_id\": \"a\", \"attempt\": 1,"
                + " \"kind\": \"SUCCEEDED\", \"reply_to\": \"" + orchestrator + "\"}");
        add(results, "{\"execution_id\": \"no-such-execution\", \"kind\": \"CANCEL_REQUESTED\","
                + " \"reply_to\": \"" + orchestrator + "\", \"error\": \"forged\"}");
        add(results, "{\"execution_id\": ");
        add(results, "{\"execution_id\": \"" + othersExecution + "\", \"node_id\": \"output\", \"attempt\": 1,"
                + " \"kind\": \"SUCCEEDED\", \"reply_to\": \"" + orchestrator + "\"}");
        add(tasks, "{\"execution_id\": \"forged-execution\", \"node_id\": \"forged\", \"attempt\": 1,"
                + " \"handler\": \"echo\", \"queue\": \"default\", \"config\": {}, \"reply_to\": \""
                + orchestrator + "\"}");
        add(tasks, "[1, 2");
        List<StreamEntry> dead = awaitDeadLetters(6);
        openGate.countDown();
        CommandOutput finished = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        // then each is dead-lettered with its reason, the run completes and leaves nothing behind
        assertThat(finished.exitCode()).as(finished.err()).isZero();
        assertThat(finished.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(dead).extracting(entry -> entry.getFields().get("reason"))
                .anySatisfy(reason -> assertThat(reason).startsWith("field 'm' is not a result message"))
                .anySatisfy(reason -> assertThat(reason).startsWith("field 'm' is not a task message"))
                .contains("execution " + othersExecution + " is owned by orchestrator someone-else")
                .filteredOn(reason -> reason.endsWith("does not exist"))
                .containsExactlyInAnyOrder(
                        "execution no-such-execution does not exist",
                        "execution no-such-execution does not exist",
                        "execution forged-execution does not exist");
        assertThat(length(tasks)).as("entries left on the task stream").isZero();
        assertThat(exists(results)).as("the made-up orchestrator's result stream is left").isFalse();
    }

    /** Blocks on the dead-letter stream until {@code count} entries arrived, at most {@link #PATIENCE}. */
    private List<StreamEntry> awaitDeadLetters(int count) {
        List<StreamEntry> dead = new ArrayList<>();
        StreamEntryID after = new StreamEntryID(0, 0);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (dead.size() < count && System.nanoTime() < deadline) {
            StreamEntryID from = after;
            int block = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            List<Map.Entry<String, List<StreamEntry>>> read = backend.commands().call("read dead letters",
                    jedis -> jedis.xread(XReadParams.xReadParams().block(block),
                            Map.of(keys.deadLetters(), from)));
            if (read != null) {
                for (Map.Entry<String, List<StreamEntry>> stream : read) {
                    dead.addAll(stream.getValue());
                }
            }
            after = dead.isEmpty() ? after : dead.get(dead.size() - 1).getID();
        }
        assertThat(dead).as("dead letters").hasSize(count);
        return dead;
    }

    private void add(String stream, String message) {
        backend.commands().call("add to " + stream,
                jedis -> jedis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of(RedisKeys.MESSAGE_FIELD, message)));
    }

    private long length(String stream) {
        return backend.commands().call("length of " + stream, jedis -> jedis.exists(stream) ? jedis.xlen(stream) : 0L);
    }

    private boolean exists(String stream) {
        return backend.commands().call("find " + stream, jedis -> jedis.exists(stream));
    }
}
