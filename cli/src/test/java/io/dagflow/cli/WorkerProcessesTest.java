package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dagflow.redis.RedisServerProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Worker processes on one Redis: sharing work, dying midway, stopping gracefully. */
@Timeout(180)
class WorkerProcessesTest {

    /** Short, so that a killed worker's task is taken over soon; running tasks are renewed meanwhile. */
    private static final String[] QUICK_TAKEOVER = {"--visibility-timeout", "1s"};

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
    void aWorkflowSpreadsOverSeveralWorkerProcessesAndEachNodeRunsOnce() throws Exception {
        List<DagflowProcess> workers = List.of(cluster.worker("spread-1", "--concurrency", "1"),
                cluster.worker("spread-2", "--concurrency", "1"), cluster.worker("spread-3", "--concurrency", "1"));
        Path workflow = cluster.workflow("spread", false, "n1:400", "n2:400", "n3:400", "n4:400", "n5:400", "n6:400");

        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");

        assertThat(run.awaitExit()).as(run.transcript()).isZero();
        assertThat(run.output()).contains("workflow completed");
        Set<Long> workerPids = workers.stream().map(DagflowProcess::pid).collect(Collectors.toSet());
        Set<Long> ranOn = Stream.of("n1", "n2", "n3", "n4", "n5", "n6").flatMap(node -> runsOf(node).stream())
                .map(line -> Long.parseLong(line.split(" ")[0])).collect(Collectors.toSet());
        for (String node : List.of("n1", "n2", "n3", "n4", "n5", "n6")) {
            assertThat(runsOf(node)).as(node).hasSize(1);
        }
        assertThat(workerPids).containsAll(ranOn);
        assertThat(ranOn).as("worker processes that ran a task").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aWorkerGivenAllowedHttpHostsRefusesAnInternalServiceItWasNotGiven() throws Exception {
        HttpServer internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        internal.createContext("/", exchange -> {
            byte[] body = "internal secret".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        internal.start();
        try {
            cluster.worker("guarded", "--allow-http-host", "*", "--allow-http-host", "*.example.com");
            Path workflow = dir.resolve("internal.json");
            Files.writeString(workflow, """
                    {"name": "internal", "dag": {"nodes": [
                      {"id": "peek", "handler": "http", "config": {"url": "http://127.0.0.1:%d/"}}
                    ]}}
                    """.formatted(internal.getAddress().getPort()));

            DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");

            assertThat(run.awaitExit()).as(run.transcript()).isNotZero();
            assertThat(run.output()).contains("is not an allowed destination: 127.0.0.1, a loopback address")
                    .contains("start the worker with --allow-http-host naming it")
                    .doesNotContain("internal secret");
        } finally {
            internal.stop(0);
        }
    }

    @Test
    void theTaskOfAKilledWorkerIsTakenOverByAnotherAndTakesEffectOnce() throws Exception {
        DagflowProcess first = cluster.worker("victim-or-survivor-1", QUICK_TAKEOVER);
        DagflowProcess second = cluster.worker("victim-or-survivor-2", QUICK_TAKEOVER);
        Path workflow = cluster.workflow("takeover", true, "prepare:0", "slow:2500", "finish:0");
        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");

        String started = run.awaitLine(" slow started on ");
        DagflowProcess victim = started.endsWith("victim-or-survivor-1") ? first : second;
        DagflowProcess survivor = victim == first ? second : first;
        victim.kill();

        assertThat(run.awaitExit()).as(run.transcript()).isZero();
        assertThat(cluster.runs("slow")).containsExactly(survivor.pid() + " slow 1");
        assertThat(cluster.runs("prepare")).hasSize(1);
        assertThat(cluster.runs("finish")).hasSize(1);
        String executionId = ProcessCluster.executionId(run);
        CommandOutput shown = cluster.command("show", executionId, "--json");
        assertThat(shown.json().path("nodes").path("slow").path("attempts").asInt())
                .as("the same attempt, taken over, not retried").isEqualTo(1);
        String victimId = victim == first ? "victim-or-survivor-1" : "victim-or-survivor-2";
        String survivorId = victim == first ? "victim-or-survivor-2" : "victim-or-survivor-1";
        assertThat(run.output()).contains("slow started again on " + survivorId + "; the run on " + victimId
                + " was lost");
        JsonNode slow = StreamSupport.stream(cluster.command("timeline", executionId, "--json").json().path("nodes")
                .spliterator(), false).filter(node -> node.path("id").asText().equals("slow")).findFirst().orElseThrow();
        JsonNode attempt = slow.path("attempts").get(0);
        JsonNode restart = attempt.path("restarts").get(0);
        assertThat(attempt.path("restarts")).hasSize(1);
        assertThat(restart.path("worker").asText()).isEqualTo(survivorId);
        assertThat(restart.path("previous_worker").asText()).isEqualTo(victimId);
        assertThat(restart.path("at").asLong()).isGreaterThan(attempt.path("started_at").asLong());
        assertThat(attempt.path("ended_at").asLong() - restart.path("at").asLong())
                .as("the run that counts, from the survivor's start").isGreaterThanOrEqualTo(2500);
    }

    @Test
    void aStoppedWorkerFinishesItsRunningTaskWithinTheGracePeriod() throws Exception {
        DagflowProcess worker = cluster.worker("graceful", QUICK_TAKEOVER);
        Path workflow = cluster.workflow("graceful", true, "work:1500");
        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");
        run.awaitLine(" work started on graceful");

        worker.terminate();

        worker.awaitLine("worker graceful stopped");
        assertThat(run.awaitExit()).as(run.transcript()).isZero();
        assertThat(cluster.runs("work")).containsExactly(worker.pid() + " work 1");
        assertThat(worker.output()).contains("worker graceful stopping");
    }

    @Test
    void aTaskHandedBackAfterTheGracePeriodIsRunByAnotherWorker() throws Exception {
        DagflowProcess impatient = cluster.worker("impatient", "--visibility-timeout", "1s", "--grace", "100ms");
        Path workflow = cluster.workflow("handed-back", true, "long:3000");
        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");
        run.awaitLine(" long started on impatient");

        impatient.terminate();
        impatient.awaitLine("worker impatient stopped");
        DagflowProcess rescuer = cluster.worker("rescuer", QUICK_TAKEOVER);

        assertThat(run.awaitExit()).as(run.transcript() + "\n" + rescuer.transcript()).isZero();
        assertThat(cluster.runs("long")).containsExactly(rescuer.pid() + " long 1");
    }

    @Test
    void aResultTooDeepToStoreFailsItsNodeAndTheWorkflowEndsInsteadOfItsTaskComingBack() throws Exception {
        cluster.worker("deep-worker", QUICK_TAKEOVER);
        Path workflow = dir.resolve("deep.json");
        java.nio.file.Files.writeString(workflow, """
                {"name": "deep", "dag": {"nodes": [
                  {"id": "deep", "handler": "%s", "config": {"dir": %s, "millis": 0, "nest": 1000}}
                ]}}""".formatted(io.dagflow.cli.distributed.RecordedWorkHandler.TYPE,
                io.dagflow.json.Json.write(dir.toString())));

        DagflowProcess run = cluster.run("orchestrator", workflow, "--workers", "0");

        assertThat(run.awaitExit()).as(run.transcript()).isEqualTo(1);
        assertThat(run.output()).contains("deep FAILED: the handler's result cannot be stored");
        assertThat(cluster.runs("deep")).hasSize(1);
    }

    private List<String> runsOf(String node) {
        try {
            return cluster.runs(node);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
