package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Rerun through the command line: handler runs are counted in files the workflow's commands append to. */
@Timeout(60)
class RerunCommandTest {

    @TempDir
    Path dir;

    private Path store;
    private Path workflow;
    private Path gate;

    @BeforeEach
    void workflow() throws Exception {
        store = dir.resolve("store");
        gate = dir.resolve("gate");
        workflow = dir.resolve("pipeline.json");
        Files.writeString(workflow, """
                { "name": "pipeline", "dag": { "nodes": [
                  { "id": "fetch", "handler": "command",
                    "config": { "args": ["sh", "-c", "echo run >> %1$s/fetch.count; echo fetched"] } },
                  { "id": "gated", "handler": "command", "dependencies": ["fetch"],
                    "retry_policy": { "max_attempts": 1 },
                    "config": { "args": ["sh", "-c", "echo run >> %1$s/gated.count; test -f %2$s && echo passed"] } },
                  { "id": "publish", "handler": "command", "dependencies": ["gated"],
                    "config": { "args": ["sh", "-c", "echo run >> %1$s/publish.count; echo published"] } },
                  { "id": "output", "handler": "output", "dependencies": ["publish"],
                    "config": { "fetched": "{{fetch.stdout}}", "published": "{{publish.stdout}}" } }
                ] } }
                """.formatted(dir, gate));
    }

    private int runs(String node) throws Exception {
        Path count = dir.resolve(node + ".count");
        return Files.exists(count) ? Files.readAllLines(count).size() : 0;
    }

    private String failedRun() {
        CommandOutput first = CommandOutput.run("run", workflow.toString(), "--store", store.toString(),
                "--allow-command", "--json");
        assertThat(first.exitCode()).isEqualTo(1);
        return first.json().path("execution_id").asText();
    }

    @Test
    void rerunRunsOnlyTheFailedAndBlockedNodesAndReusesTheRest() throws Exception {
        String original = failedRun();
        Files.writeString(gate, "open");

        CommandOutput rerun = CommandOutput.run("rerun", original, "--store", store.toString(), "--allow-command",
                "--json");

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        JsonNode result = rerun.json();
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("nodes").path("fetch").path("reused_from").asText()).isEqualTo(original);
        assertThat(result.path("outputs").path("output").path("fetched").asText()).isEqualTo("fetched\n");
        assertThat(rerun.err()).as("the plan, beside the JSON document").contains("rerun of " + original + ": ");
        assertThat(runs("fetch")).isEqualTo(1);
        assertThat(runs("gated")).isEqualTo(2);
        assertThat(runs("publish")).isEqualTo(1);
        JsonNode history = CommandOutput.run("history", "--store", store.toString(), "--json").json();
        assertThat(history.get(0).path("rerun_of").asText()).isEqualTo(original);
    }

    @Test
    void rerunFromANodeRunsItAndEverythingDownstreamAgain() throws Exception {
        Files.writeString(gate, "open");
        CommandOutput first = CommandOutput.run("run", workflow.toString(), "--store", store.toString(),
                "--allow-command", "--json");
        assertThat(first.exitCode()).isZero();

        CommandOutput rerun = CommandOutput.run("rerun", first.json().path("execution_id").asText(),
                "--store", store.toString(), "--allow-command", "--from", "gated");

        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains("node 'gated'").contains("fetch reused from");
        assertThat(runs("fetch")).isEqualTo(1);
        assertThat(runs("gated")).isEqualTo(2);
        assertThat(runs("publish")).isEqualTo(2);
    }

    @Test
    void timelineOfTheRerunShowsReusedNodes() throws Exception {
        String original = failedRun();
        Files.writeString(gate, "open");
        Path html = dir.resolve("rerun.html");
        String rerunId = CommandOutput.run("rerun", original, "--store", store.toString(), "--allow-command",
                "--json", "--timeline", html.toString()).json().path("execution_id").asText();

        CommandOutput text = CommandOutput.run("timeline", rerunId, "--store", store.toString());
        JsonNode json = CommandOutput.run("timeline", rerunId, "--store", store.toString(), "--json").json();

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("fetch").contains("reused");
        assertThat(json.toString()).contains("\"reused\":true");
        assertThat(Files.readString(html)).contains("dag-timeline-data").contains(rerunId);
    }

    @Test
    void givenAnExecutionThatCompletedWhenRerunWithAnotherInputThenWhatReadsTheInputRunsAgainWithIt() throws Exception {
        Path release = dir.resolve("release.json");
        Files.writeString(release, """
                { "name": "release", "dag": { "nodes": [
                  { "id": "input", "handler": "input", "config": { "required": ["version"] } },
                  { "id": "notes", "handler": "echo", "config": { "title": "release notes" } },
                  { "id": "output", "handler": "output", "dependencies": ["input", "notes"],
                    "config": { "version": "{{input.version}}", "title": "{{notes.title}}" } }
                ] } }
                """);
        String original = CommandOutput.run("run", release.toString(), "--store", store.toString(),
                "--input", "version=1.0", "--json").json().path("execution_id").asText();

        CommandOutput explained = CommandOutput.run("rerun", original, "--store", store.toString(),
                "--input", "version=2.0");
        JsonNode rerun = CommandOutput.run("rerun", original, "--store", store.toString(),
                "--input", "version=2.0", "--json").json();

        assertThat(explained.exitCode()).as(explained.err()).isZero();
        assertThat(explained.out()).contains("1 node(s) reused, 2 to run")
                .contains("node 'input' runs again: the workflow inputs it returns changed (version)")
                .contains("node 'output' runs again: its dependency 'input' runs again");
        assertThat(rerun.path("outputs").path("output").path("version").asText()).isEqualTo("2.0");
        assertThat(rerun.path("nodes").path("notes").path("reused_from").asText()).isEqualTo(original);
    }

    @Test
    void unknownFromNodeIsAUsageError() throws Exception {
        String original = failedRun();

        CommandOutput rerun = CommandOutput.run("rerun", original, "--store", store.toString(), "--from", "nope");

        assertThat(rerun.exitCode()).isEqualTo(2);
        assertThat(rerun.err()).contains("nope");
    }
}
