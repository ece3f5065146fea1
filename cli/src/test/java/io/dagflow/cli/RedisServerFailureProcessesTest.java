package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.redis.RedisServerProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A Redis with append-only persistence that crashes and comes back while a workflow runs on it. */
@Timeout(180)
class RedisServerFailureProcessesTest {

    @TempDir
    Path dir;

    private RedisServerProcess server;
    private ProcessCluster cluster;

    @BeforeEach
    void startServer() throws Exception {
        server = RedisServerProcess.builder().appendOnly(true).start();
        cluster = new ProcessCluster(server.url(), dir);
    }

    @AfterEach
    void stopEverything() throws Exception {
        cluster.close();
        server.close();
    }

    @Test
    void orchestratorAndWorkersReconnectAfterARedisCrashAndTheWorkflowCompletesWithNothingLostOrRepeated()
            throws Exception {
        DagflowProcess worker = cluster.worker("reconnecting-worker", "--visibility-timeout", "10s");
        Path workflow = cluster.workflow("through-a-crash", true, "before:200", "during:3000", "after:200");
        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");
        String executionId = ProcessCluster.executionId(run);
        run.awaitLine(" during started on ");

        server.kill();
        server.restart();

        assertThat(run.awaitExit()).as(run.transcript() + "\n" + worker.transcript()).isZero();
        assertThat(run.output()).contains("workflow completed");
        for (String node : List.of("before", "during", "after")) {
            assertThat(cluster.runs(node)).as("runs of " + node).containsExactly(worker.pid() + " " + node + " 1");
        }
        CommandOutput shown = cluster.command("show", executionId, "--json");
        assertThat(shown.json().path("status").asText()).isEqualTo("COMPLETED");
    }
}
