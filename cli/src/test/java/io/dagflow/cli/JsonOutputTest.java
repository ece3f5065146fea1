package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.json.Json;
import io.dagflow.redis.RedisBackend;
import io.dagflow.redis.RedisKeys;
import io.dagflow.redis.RedisServerProcess;
import io.dagflow.run.StartOptions;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.validation.WorkflowLoader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/** With {@code --json}, standard output holds one JSON document; progress and notes go to standard error. */
@Timeout(120)
class JsonOutputTest {

    private final String prefix = "json-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisBackend backend = RedisBackend.connect(RedisServerProcess.shared().config(prefix));
    private final RedisKeys keys = backend.keys();

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void resumeWaitingForAnOwnerSeenLatelyPrintsOneJsonDocumentAndTheWaitOnStandardError() throws Exception {
        // given an execution whose orchestrator stopped right after it sent the first task, and was seen just now
        String owner = "owner-seen-lately";
        WorkflowEngine stopped = WorkflowEngine.builder(backend.transport(), backend.stores()).orchestratorId(owner)
                .orchestratorWrites(backend.orchestratorWrites()).build();
        String executionId = stopped.start(new WorkflowLoader().parse("""
                {"name": "resumed", "dag": {"nodes": [{"id": "a", "handler": "echo", "config": {"x": 1}}]}}
                """, "resumed.json"), Json.object(), StartOptions.defaults()).executionId();
        awaitAnEntry(keys.taskStream("default"));
        stopped.close();
        backend.commands().call("mark the owner as seen",
                jedis -> jedis.set(keys.orchestratorPresence(owner), "pid 1", SetParams.setParams().px(1000)));

        // when it is resumed with --json
        CommandOutput resumed = CommandOutput.run("resume", executionId, "--redis", RedisServerProcess.shared().url(),
                "--key-prefix", prefix, "--workers", "1", "--json");

        // then standard output is the execution as one JSON document, and the wait is noted on standard error
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(Json.parse(resumed.out()).path("status").asText()).as(resumed.out()).isEqualTo("COMPLETED");
        assertThat(resumed.err()).contains("orchestrator " + owner + " was seen less than 3 s ago; waiting");
    }

    @Test
    void runJsonPrintsProgressOnStandardErrorAndOnlyTheDocumentOnStandardOutput() throws Exception {
        CommandOutput run = CommandOutput.run("run", RunCommandTest.example("linear.json").toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.parse(run.out()).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.err()).contains("workflow completed");
    }

    /** Blocks until the stream holds an entry, for at most 30 s. */
    private void awaitAnEntry(String stream) {
        List<Map.Entry<String, List<StreamEntry>>> read = backend.commands().call("wait for " + stream,
                jedis -> jedis.xread(XReadParams.xReadParams().block(30_000), Map.of(stream, new StreamEntryID(0, 0))));
        assertThat(read).as("entries of " + stream).isNotEmpty();
    }
}
