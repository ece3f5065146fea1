package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dagflow.handler.builtin.MarkedProcesses;
import io.dagflow.handler.builtin.ReadySignal;
import io.dagflow.json.Json;
import io.dagflow.redis.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processes of a {@code command} node never outlive the dagflow process that started them:
 * a worker killed with SIGKILL, a worker stopped, an embedded run interrupted. Each command
 * starts a background child, an orphan (re-parented at once) and a foreground child, all
 * carrying a marker, and tells the test through a named pipe once they run.
 */
@Timeout(180)
@EnabledOnOs(OS.LINUX)
class CommandProcessesTest {

    /** Short, so that a killed worker's task is taken over soon. */
    private static final String[] QUICK_TAKEOVER = {"--visibility-timeout", "1s"};

    @TempDir
    Path dir;

    private final MarkedProcesses marked = MarkedProcesses.sleepingFor(30);
    private final List<DagflowProcess> processes = new ArrayList<>();
    private ProcessCluster cluster;

    @AfterEach
    void stopProcesses() throws Exception {
        for (DagflowProcess process : processes) {
            process.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        marked.running().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aWorkerKilledWithSigkillLeavesNoProcessOfItsCommandBehind() throws Exception {
        DagflowProcess worker = cluster().worker("doomed", "--allow-command");
        ReadySignal ready = ReadySignal.in(dir);
        cluster().run("orchestrator", workflow(treeCommand(ready)), "--workers", "0");
        ready.await();
        List<ProcessHandle> tree = marked.running();
        assertThat(tree).as("the command's processes").hasSizeGreaterThanOrEqualTo(3);

        worker.kill();

        marked.assertAllGone(tree);
    }

    @Test
    void theCommandOfAKilledWorkerHasEndedBeforeAnotherWorkerRunsTheSameAttempt() throws Exception {
        DagflowProcess first = cluster().worker("taken-over-1", "--allow-command", QUICK_TAKEOVER[0], QUICK_TAKEOVER[1]);
        DagflowProcess second = cluster().worker("taken-over-2", "--allow-command", QUICK_TAKEOVER[0], QUICK_TAKEOVER[1]);
        ReadySignal ready = ReadySignal.in(dir);
        Path firstCopy = dir.resolve("first-copy-started");
        // Every process of a copy holds the lock, so 'flock -n' fails while any of the first copy's runs.
        List<String> args = List.of("flock", "-n", dir.resolve("attempt.lock").toString(), "sh", "-c",
                "if [ -e \"$2\" ]; then echo second copy; exit 0; fi; touch \"$2\"; " + treeScript(), "sh",
                ready.path().toString(), firstCopy.toString());
        DagflowProcess run = cluster().run("orchestrator", workflow(args), "--workers", "0");
        String started = run.awaitLine(" tree started on ");
        ready.await();
        List<ProcessHandle> tree = marked.running();

        (started.endsWith("taken-over-1") ? first : second).kill();

        assertThat(run.awaitExit()).as(run.transcript()).isZero();
        assertThat(run.output()).contains("tree completed");
        marked.assertAllGone(tree);
    }

    @Test
    void aWorkerStoppedWithSigtermKillsTheCommandItHandsBackAfterTheGrace() throws Exception {
        DagflowProcess worker = cluster().worker("stopping", "--allow-command", "--grace", "100ms");
        ReadySignal ready = ReadySignal.in(dir);
        cluster().run("orchestrator", workflow(treeCommand(ready)), "--workers", "0");
        ready.await();
        List<ProcessHandle> tree = marked.running();

        worker.terminate();

        worker.awaitExit();
        assertThat(worker.output()).contains("worker stopping stopped");
        marked.assertAllGone(tree);
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void anEmbeddedRunStoppedBySignalLeavesNoProcessOfItsCommandBehind(String signal) throws Exception {
        assumeThat(signal.equals("INT") && DagflowProcess.childrenIgnoreSigint())
                .as("processes started from this JVM ignore SIGINT, so a dagflow JVM could not handle it").isFalse();
        ReadySignal ready = ReadySignal.in(dir);
        DagflowProcess run = started(DagflowProcess.start("run", "run",
                workflow(treeCommand(ready)).toString(), "--allow-command"));
        ready.await();
        List<ProcessHandle> tree = marked.running();
        assertThat(tree).as("the command's processes").hasSizeGreaterThanOrEqualTo(3);

        run.signal(signal);

        run.awaitExit();
        assertThat(run.output()).contains("workflow CANCELLED");
        marked.assertAllGone(tree);
    }

    /**
     * A background child, an orphan whose parent exits at once, then, once the test is told, a
     * foreground child: {@code $1} is the ready signal.
     */
    private String treeScript() {
        String sleep = "sleep " + marked.sleepSeconds();
        return "(" + sleep + " &); " + sleep + " & echo ready > \"$1\"; " + sleep;
    }

    private List<String> treeCommand(ReadySignal ready) {
        return List.of("sh", "-c", treeScript(), "sh", ready.path().toString());
    }

    /** A workflow of one command node, {@code tree}. */
    private Path workflow(List<String> args) throws IOException {
        String node = "{\"id\": \"tree\", \"handler\": \"command\", \"config\": {\"args\": " + Json.write(args) + "}}";
        Path file = dir.resolve("tree-" + System.nanoTime() + ".json");
        Files.writeString(file, "{\"name\": \"tree\", \"dag\": {\"nodes\": [" + node + "]}}\n");
        return file;
    }

    private ProcessCluster cluster() throws IOException {
        if (cluster == null) {
            cluster = new ProcessCluster(RedisServerProcess.shared().url(), dir);
        }
        return cluster;
    }

    private DagflowProcess started(DagflowProcess process) {
        processes.add(process);
        return process;
    }
}
