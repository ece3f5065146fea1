package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.cli.distributed.RecordedWorkHandler;
import io.dagflow.json.Json;
import io.dagflow.redis.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancel, interrupt and unserved queues across real processes on one Redis: a cancel stops the
 * running work on the workers and starts nothing more, and the history says what ran.
 */
@Timeout(180)
class CancelProcessesTest {

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
    void aCancelOfARunning40NodeExecutionStopsItsRunningCommandAndStartsNoFurtherTask() throws Exception {
        cluster.worker("canceller-target", "--concurrency", "2", "--allow-command");
        Path workflow = fortyNodes("forty");
        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");
        String executionId = ProcessCluster.executionId(run);
        ProcessHandle sleeper = awaitSleeper();
        run.awaitLine(" n3 completed");

        long cancelledAt = System.nanoTime();
        CommandOutput cancel = cluster.command("cancel", executionId);
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();

        assertThat(stoppedWithin(sleeper, Duration.ofSeconds(2))).as("the sleep stopped within 2 s").isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt)).isLessThan(2500);
        assertThat(run.awaitExit()).as(run.transcript()).isEqualTo(1);
        assertThat(run.output()).contains("workflow CANCELLED: cancelled from the command line");
        // A node run after the cancelled ones, on the same queue and worker: once it completed, the
        // worker has read (and refused) every task of the cancelled execution before it.
        DagflowProcess marker = cluster.run("marker", cluster.workflow("marker", false, "marker:0"), "--workers", "0");
        assertThat(marker.awaitExit()).as(marker.transcript()).isZero();
        JsonNode shown = cluster.command("show", executionId, "--json").json();
        assertThat(shown.path("status").asText()).isEqualTo("CANCELLED");
        int ran = 0;
        int completed = 0;
        for (int i = 1; i < 40; i++) {
            ran += cluster.runs("n" + i).size();
            completed += "COMPLETED".equals(shown.path("nodes").path("n" + i).path("status").asText()) ? 1 : 0;
        }
        assertThat(ran).as("work that took effect, against the history").isEqualTo(completed);
        assertThat(completed).isBetween(3, 38);
        assertThat(shown.path("nodes").path("sleeper").path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void interruptingARedisRunCancelsItsExecutionAndKillsTheCommandRunningOnAWorker() throws Exception {
        cluster.worker("interrupted-target", "--allow-command");
        Path workflow = fortyNodes("interrupted");
        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");
        String executionId = ProcessCluster.executionId(run);
        ProcessHandle sleeper = awaitSleeper();

        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();

        assertThat(stoppedWithin(sleeper, Duration.ofSeconds(5))).as("the sleep stopped").isTrue();
        run.awaitExit();
        JsonNode shown = cluster.command("show", executionId, "--json").json();
        assertThat(shown.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(shown.path("nodes").path("sleeper").path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aNodeOnAQueueNoWorkerServesIsReportedAtOnceAndFailsAfterItsQueueTimeout() throws Exception {
        cluster.worker("cpu-only");
        Path workflow = dir.resolve("gpu.json");
        Files.writeString(workflow, """
                {"name": "gpu", "dag": {"nodes": [
                  {"id": "train", "handler": "%s", "queue": "gpu", "queue_timeout_seconds": 2,
                   "config": {"dir": %s, "millis": 0}}
                ]}}""".formatted(RecordedWorkHandler.TYPE, Json.write(dir.toString())));

        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");

        run.awaitLine("no worker is serving queue 'gpu': train waits");
        assertThat(run.awaitExit()).as(run.transcript()).isEqualTo(1);
        assertThat(run.output()).contains("no worker took the task from queue 'gpu' within 2 s");
        assertThat(cluster.runs("train")).isEmpty();
    }

    /** A command node whose `sleep 30` writes its pid, and 39 recorded nodes of 300 ms each. */
    private Path fortyNodes(String name) throws IOException {
        List<String> nodes = new ArrayList<>();
        nodes.add("{\"id\": \"sleeper\", \"handler\": \"command\", \"config\": {\"args\": [\"sh\", \"-c\","
                + " \"sleep 30 & echo $! > " + sleeperPid() + "; wait\"]}}");
        for (int i = 1; i < 40; i++) {
            nodes.add("{\"id\": \"n" + i + "\", \"handler\": \"" + RecordedWorkHandler.TYPE + "\", \"config\": {\"dir\": "
                    + Json.write(dir.toString()) + ", \"millis\": 300}}");
        }
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, "{\"name\": \"" + name + "\", \"dag\": {\"nodes\": [\n" + String.join(",\n", nodes)
                + "\n]}}\n");
        return file;
    }

    /**
     * Whether the process ended, or was killed and waits to be reaped, within {@code limit}. The
     * killed sleep's parent died with it, so the system's init reaps it, on its own schedule
     * (every few seconds in some containers); until then it is a zombie that ProcessHandle counts
     * as alive. A process of another parent offers nothing to block on, hence the polling.
     */
    private static boolean stoppedWithin(ProcessHandle process, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        do {
            if (!process.isAlive() || isZombie(process.pid())) {
                return true;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state follows the command name, which is in parentheses and may itself hold spaces.
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A named pipe the command node writes its sleep's pid to: reading it blocks until the node runs. */
    private Path sleeperPid() throws IOException {
        Path fifo = dir.resolve("sleeper.pid");
        if (!Files.exists(fifo)) {
            try {
                int made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
                assertThat(made).as("mkfifo").isZero();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return fifo;
    }

    /** The running `sleep 30` of the command node. */
    private ProcessHandle awaitSleeper() throws IOException {
        String pid = Files.readString(sleeperPid()).trim();
        Optional<ProcessHandle> sleeper = ProcessHandle.of(Long.parseLong(pid));
        assertThat(sleeper).as("the sleep process " + pid).isPresent();
        return sleeper.get();
    }
}
