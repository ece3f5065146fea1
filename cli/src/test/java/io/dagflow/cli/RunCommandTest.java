package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RunCommandTest {

    static Path example(String name) {
        Path fromModule = Paths.get("..", "examples", name);
        return Files.exists(fromModule) ? fromModule : Paths.get("examples", name);
    }

    @Test
    void aSecretsFileGivesTheSecretsOfTheTaskSlotsAndTheirValuesAreNeverPrinted(@TempDir Path dir)
            throws Exception {
        Path workflow = dir.resolve("secret.json");
        Files.writeString(workflow, """
                {"name": "secret", "dag": {"nodes": [
                  {"id": "use", "handler": "echo", "config": {"auth": "Bearer {{secrets.api_token}}"}},
                  {"id": "out", "handler": "output", "dependencies": ["use"], "config": {"auth": "{{use.auth}}"}}
                ]}}""");
        Path secrets = dir.resolve("secrets.json");
        Files.writeString(secrets, "{\"api_token\": \"cli-s3cr3t\"}");

        CommandOutput run = CommandOutput.run("run", workflow.toString(), "--secrets-file", secrets.toString(), "--json");
        CommandOutput without = CommandOutput.run("run", workflow.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("outputs").path("out").path("auth").asText()).isEqualTo("Bearer ***");
        assertThat(run.out() + run.err()).doesNotContain("cli-s3cr3t");
        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.out()).contains("secret 'api_token' is not known here");
    }

    @Test
    void conditionalCleanUpExampleTearsDownAndAlertsAfterItsFailedSmokeTest() {
        CommandOutput run = CommandOutput.run("run", example("conditional-cleanup.json").toString(), "--json",
                "--input", "env=prod");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode nodes = run.json().path("nodes");
        assertThat(nodes.path("smoke_test").path("status").asText()).isEqualTo("FAILED");
        assertThat(nodes.path("deploy").path("status").asText()).isEqualTo("BLOCKED");
        assertThat(nodes.path("teardown").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(nodes.path("alert").path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void fanOutFanInExampleCompletesWithItsReportAsOutput() {
        CommandOutput run = CommandOutput.run("run", example("fan-out-fan-in.json").toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json();
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("outputs").path("report").path("summary").asText()).isEqualTo("order 1001: 42.5 EUR");
        assertThat(result.path("nodes").path("pricing").path("attempts").asInt()).isEqualTo(1);
        assertThat(result.path("nodes").path("inventory").path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void linearExampleTakesInputsFromTheCommandLine() {
        CommandOutput run = CommandOutput.run("run", example("linear.json").toString(), "--input", "user=grace", "--json");

        assertThat(run.exitCode()).isZero();
        String message = run.json().path("outputs").path("output").path("shout").path("message").asText();
        assertThat(message).startsWith("Hello, grace! (run ");
    }

    @Test
    void failureExampleExitsOneAndNamesTheFailedAndBlockedNodes() {
        CommandOutput run = CommandOutput.run("run", example("failure.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("charge FAILED (attempt 2)")
                .contains("notify blocked by charge")
                .contains("audit completed")
                .contains("failed: charge after 2 attempts")
                .contains("blocked: notify (by charge), output (by charge)");
    }

    @Test
    void retryExampleSucceedsOnItsThirdAttemptWhenCommandsAreAllowed() {
        CommandOutput run = CommandOutput.run("run", example("retry.json").toString(), "--allow-command", "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.json().path("nodes").path("flaky").path("attempts").asInt()).isEqualTo(3);
        assertThat(run.json().path("outputs").path("output").path("said").asText()).contains("recovered after 3 attempts");
    }

    @Test
    void givenANodeThatRanTwiceWhenTheRunEndsThenItsDurationAddsUpBothRunsAndTheQueueWaitIsShownApart(
            @TempDir Path dir) throws Exception {
        Path workflow = dir.resolve("twice.json");
        Files.writeString(workflow, """
                { "name": "twice", "dag": { "nodes": [
                  { "id": "twice", "handler": "command",
                    "retry_policy": { "max_attempts": 2, "initial_backoff_seconds": 0.1 },
                    "config": { "args": ["sh", "-c", "sleep 0.4; test -f %1$s/ran || { touch %1$s/ran; exit 1; }"] } }
                ] } }
                """.formatted(dir));

        CommandOutput json = CommandOutput.run("run", workflow.toString(), "--allow-command", "--json",
                "--store", dir.resolve("store").toString());
        String id = json.json().path("execution_id").asText();
        CommandOutput shown = CommandOutput.run("show", id, "--store", dir.resolve("store").toString());

        JsonNode twice = json.json().path("nodes").path("twice");
        assertThat(twice.path("attempts").asInt()).as(json.out() + json.err()).isEqualTo(2);
        assertThat(twice.path("duration_ms").asLong()).as("two runs of at least 400 ms each").isGreaterThanOrEqualTo(800);
        assertThat(twice.path("queued_ms").asLong()).isNotNegative();
        assertThat(shown.out()).containsPattern("NODE +STATUS +ATTEMPTS +DURATION +QUEUED")
                .containsPattern("twice +COMPLETED +2 +[\\d.]+ m?s +[\\d.]+ m?s");
    }

    @Test
    void commandHandlerIsRefusedUnlessAllowed() {
        CommandOutput run = CommandOutput.run("run", example("retry.json").toString(), "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().path("nodes").path("flaky").path("error").asText()).contains("--allow-command");
    }

    @Test
    void invalidDefinitionExitsTwoListingEveryProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {
                  "name": "bad",
                  "dag": { "nodes": [
                    { "id": "a", "handler": "echo", "dependencies": ["b"] },
                    { "id": "b", "handler": "echo", "dependencies": ["a"] },
                    { "id": "c", "handler": "ecko" }
                  ] }
                }
                """);

        CommandOutput run = CommandOutput.run("run", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.json:4:").contains("a -> b -> a").contains("did you mean 'echo'");
    }

    @Test
    void missingFileIsAUsageError() {
        CommandOutput run = CommandOutput.run("run", "no-such-workflow.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("dagflow: no-such-workflow.json: no such file\n");
    }

    @Test
    void inputsFileAndInputOptionsAreMergedWithTypedValues(@TempDir Path dir) throws Exception {
        Path inputs = dir.resolve("inputs.json");
        Files.writeString(inputs, "{\"user\": \"from-file\", \"count\": 1}");
        Path workflow = dir.resolve("echo.json");
        Files.writeString(workflow, """
                { "name": "inputs", "dag": { "nodes": [
                  { "id": "in", "handler": "input" },
                  { "id": "out", "handler": "output", "dependencies": ["in"] } ] } }
                """);

        CommandOutput run = CommandOutput.run("run", workflow.toString(), "--inputs-file", inputs.toString(),
                "--input", "count=3", "--input", "flag=true", "--json");

        JsonNode in = run.json().path("outputs").path("out").path("in");
        assertThat(in.path("user").asText()).isEqualTo("from-file");
        assertThat(in.path("count").isInt()).isTrue();
        assertThat(in.path("count").asInt()).isEqualTo(3);
        assertThat(in.path("flag").isBoolean()).isTrue();
    }

    @Test
    void embeddedWorkersServeEveryQueueAWorkflowNames(@TempDir Path dir) throws Exception {
        Path workflow = dir.resolve("queues.json");
        Files.writeString(workflow, """
                { "name": "queues", "dag": { "nodes": [
                  { "id": "gpu", "handler": "echo", "queue": "gpu", "config": { "on": "gpu" } },
                  { "id": "io", "handler": "echo", "queue": "io", "dependencies": ["gpu"], "config": { "on": "{{gpu.on}}+io" } } ] } }
                """);

        CommandOutput run = CommandOutput.run("run", workflow.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("nodes").path("io").path("result").path("on").asText()).isEqualTo("gpu+io");
    }
}
