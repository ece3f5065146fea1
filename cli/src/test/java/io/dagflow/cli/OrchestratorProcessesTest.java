package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.redis.RedisServerProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Orchestrator processes on one Redis: crashing and being resumed, cancelled, running side by side. */
@Timeout(180)
class OrchestratorProcessesTest {

    @TempDir
    Path dir;

    private ProcessCluster cluster;

    @BeforeEach
    void cluster() throws Exception {
        cluster = new ProcessCluster(RedisServerProcess.shared().url(), dir);
    }

    @AfterEach
    void stopProcesses() throws Exception {
        cluster.close();
    }

    @Test
    void anExecutionWhoseOrchestratorWasKilledIsResumedWithoutRunningCompletedNodesAgain() throws Exception {
        cluster.worker("steady-1");
        cluster.worker("steady-2");
        Path workflow = cluster.workflow("resumable", true, "a:200", "b:1500", "c:200", "d:200");
        DagflowProcess crashing = cluster.run("crashing-orchestrator", workflow, "--workers", "0",
                "--orchestrator-id", "orchestrator-that-crashes");
        String executionId = ProcessCluster.executionId(crashing);
        crashing.awaitLine(" a completed");

        crashing.kill();
        DagflowProcess resumed = cluster.start("resuming-orchestrator",
                args("resume", executionId, "--workers", "0"));

        assertThat(resumed.awaitExit()).as(resumed.transcript() + "\n" + crashing.transcript()).isZero();
        assertThat(resumed.output()).contains("resuming " + executionId).contains("owner orchestrator-that-crashes")
                .contains("workflow resumed by orchestrator orchestrator-that-crashes after its previous run stopped")
                .contains("workflow completed");
        JsonNode resumes = cluster.command("timeline", executionId, "--json").json().path("resumes");
        assertThat(resumes).hasSize(1);
        assertThat(resumes.get(0).path("previous_owner").asText()).isEqualTo("orchestrator-that-crashes");
        for (String node : List.of("a", "b", "c", "d")) {
            assertThat(cluster.runs(node)).as("runs of " + node).hasSize(1);
        }
        JsonNode shown = cluster.command("show", executionId, "--json").json();
        assertThat(shown.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(shown.path("nodes").path("b").path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void anExecutionWhoseOrchestratorStillRunsIsNotResumed() throws Exception {
        Path workflow = cluster.workflow("owned", true, "long:30000");
        DagflowProcess run = cluster.run("live-orchestrator", workflow, "--workers", "1",
                "--orchestrator-id", "orchestrator-alive");
        String executionId = ProcessCluster.executionId(run);
        run.awaitLine(" long started on ");

        CommandOutput resumed = cluster.command("resume", executionId, "--workers", "0");
        CommandOutput sameId = cluster.command("run", workflow.toString(), "--any-handler", "--workers", "0",
                "--orchestrator-id", "orchestrator-alive");

        assertThat(resumed.exitCode()).isEqualTo(2);
        assertThat(resumed.err()).contains("orchestrator orchestrator-alive still runs").contains("--force");
        assertThat(sameId.exitCode()).isEqualTo(2);
        assertThat(sameId.err()).contains("orchestrator orchestrator-alive is running in another process");
        assertThat(cluster.command("cancel", executionId).exitCode()).isZero();
        assertThat(run.awaitExit()).as(run.transcript()).isEqualTo(1);
    }

    @Test
    void givenAnExecutionThatEndedWhenResumedThenResumeSaysItEndedAndRunsNothing() throws Exception {
        cluster.worker("finisher");
        Path workflow = cluster.workflow("finished", true, "only:0");
        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");
        assertThat(run.awaitExit()).as(run.transcript()).isZero();
        String executionId = ProcessCluster.executionId(run);

        CommandOutput resumed = cluster.command("resume", executionId, "--workers", "0");

        assertThat(resumed.exitCode()).as(resumed.out()).isEqualTo(2);
        assertThat(resumed.err()).contains("execution " + executionId + " already ended COMPLETED at ")
                .contains("nothing to resume");
        assertThat(resumed.out()).doesNotContain("resuming");
        assertThat(cluster.runs("only")).hasSize(1);
    }

    @Test
    void cancelReachesTheOrchestratorRunningTheExecutionInAnotherProcess() throws Exception {
        Path workflow = cluster.workflow("cancellable", true, "long:30000", "never:0");
        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "1");
        String executionId = ProcessCluster.executionId(run);
        run.awaitLine(" long started on ");

        CommandOutput cancel = cluster.command("cancel", executionId, "--reason", "operator said so");

        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("cancel of " + executionId + " requested");
        assertThat(run.awaitExit()).as(run.transcript()).isEqualTo(1);
        assertThat(run.output()).contains("workflow CANCELLED: operator said so");
        assertThat(cluster.runs("never")).isEmpty();
        CommandOutput again = cluster.command("cancel", executionId);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already ended CANCELLED");
    }

    @Test
    void twoOrchestratorsOnOneRedisEachCompleteTheirOwnExecutionWithTheirOwnResults() throws Exception {
        Path alpha = cluster.workflow("alpha", false, "alpha-1:500", "alpha-2:500", "alpha-3:500", "alpha-4:500");
        Path beta = cluster.workflow("beta", false, "beta-1:500", "beta-2:500", "beta-3:500", "beta-4:500");

        DagflowProcess first = cluster.run("alpha-orchestrator", alpha, "--workers", "2",
                "--orchestrator-id", "orchestrator-alpha");
        DagflowProcess second = cluster.run("beta-orchestrator", beta, "--workers", "2",
                "--orchestrator-id", "orchestrator-beta");

        assertThat(first.awaitExit()).as(first.transcript()).isZero();
        assertThat(second.awaitExit()).as(second.transcript()).isZero();
        // Either orchestrator's in-process worker may run the other's tasks; results still go to their owner.
        assertThat(first.output()).contains("alpha-4 completed").doesNotContainPattern("beta-\\d");
        assertThat(second.output()).contains("beta-4 completed").doesNotContainPattern("alpha-\\d");
        JsonNode history = cluster.command("history", "--json").json();
        assertThat(history).extracting(record -> record.path("workflow_name").asText() + " "
                + record.path("owner").asText() + " " + record.path("status").asText())
                .containsExactlyInAnyOrder("alpha orchestrator-alpha COMPLETED", "beta orchestrator-beta COMPLETED");
        for (String node : List.of("alpha-1", "alpha-2", "alpha-3", "alpha-4", "beta-1", "beta-2", "beta-3", "beta-4")) {
            assertThat(cluster.runs(node)).as("runs of " + node).hasSize(1);
        }
    }

    private List<String> args(String... command) {
        List<String> all = new java.util.ArrayList<>(List.of(command));
        all.addAll(cluster.redisOptions());
        all.addAll(List.of("--handlers", cluster.handlerJar().toString()));
        return all;
    }
}
