package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.HandlerException;
import io.dagflow.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandHandlerTest {

    private final CommandHandler handler = new CommandHandler(true);

    @TempDir
    Path directory;

    private static ObjectNode command(String... args) {
        ObjectNode config = Json.object();
        for (String arg : args) {
            config.withArray("args").add(arg);
        }
        return config;
    }

    private JsonNode run(ObjectNode config) throws Exception {
        return handler.handle(TestTaskContext.withConfig(Json.write(config)));
    }

    private HandlerException failureOf(CommandHandler commandHandler, ObjectNode config) {
        return catchThrowableOfType(HandlerException.class,
                () -> commandHandler.handle(TestTaskContext.withConfig(Json.write(config))));
    }

    @Test
    void aSuccessfulCommandReturnsItsExitCodeAndOutput() throws Exception {
        JsonNode result = run(command("sh", "-c", "echo hello; echo warning >&2"));

        assertThat(result).isEqualTo(Json.tree("{\"exit_code\": 0, \"stdout\": \"hello\\n\", \"stderr\": \"warning\\n\","
                + " \"stdout_truncated\": false, \"stderr_truncated\": false}"));
    }

    @Test
    void argumentsArePassedAsTheyAreWithoutAShell() throws Exception {
        JsonNode result = run(command("echo", "$HOME", "a b", "*"));

        assertThat(result.get("stdout").asText()).isEqualTo("$HOME a b *\n");
    }

    @Test
    void aNonZeroExitFailsRetriablyWithTheExitCodeAndStderr() {
        HandlerException failure = failureOf(handler, command("sh", "-c", "echo 'disk full' >&2; exit 3"));

        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("command 'sh' exited with code 3; stderr: disk full");
    }

    @Test
    void envAddsVariablesAndNullRemovesThem() throws Exception {
        ObjectNode config = command("sh", "-c", "printf '%s|%s' \"$GREETING\" \"${HOME-unset}\"");
        config.putObject("env").put("GREETING", "hi there").putNull("HOME");

        JsonNode result = run(config);

        assertThat(result.get("stdout").asText()).isEqualTo("hi there|unset");
    }

    @Test
    void theCommandRunsInWorkingDir() throws Exception {
        Files.writeString(directory.resolve("marker.txt"), "found me");
        ObjectNode config = command("cat", "marker.txt");
        config.put("working_dir", directory.toString());

        JsonNode result = run(config);

        assertThat(result.get("stdout").asText()).isEqualTo("found me");
    }

    @Test
    void aWorkingDirThatDoesNotExistIsAPermanentConfigError() {
        ObjectNode config = command("pwd");
        config.put("working_dir", directory.resolve("missing").toString());

        HandlerException failure = failureOf(handler, config);

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).contains("config field 'working_dir' is not a directory on this worker");
    }

    @Test
    void aTimeoutKillsTheCommandAndTheProcessesItStarted() throws Exception {
        Path pidFile = directory.resolve("child.pid");
        ObjectNode config = command("sh", "-c", "sleep 300 & echo $! > child.pid; wait");
        config.put("working_dir", directory.toString());
        config.put("timeout_seconds", 1);

        HandlerException failure = failureOf(handler, config);

        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("command 'sh' timed out after 1s (timeout_seconds) and was killed");
        long childPid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> child = ProcessHandle.of(childPid);
        if (child.isPresent()) {
            child.get().onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.get().isAlive()).isFalse();
        }
    }

    @Test
    void outputBeyondMaxOutputBytesKeepsTheEndAndIsFlagged() throws Exception {
        ObjectNode config = command("sh", "-c", "i=0; while [ $i -lt 500 ]; do echo line$i; i=$((i+1)); done");
        config.put("max_output_bytes", 100);

        JsonNode result = run(config);

        assertThat(result.get("stdout_truncated").asBoolean()).isTrue();
        assertThat(result.get("stderr_truncated").asBoolean()).isFalse();
        assertThat(result.get("stdout").asText()).hasSizeLessThanOrEqualTo(100).endsWith("line498\nline499\n");
    }

    @Test
    void stdoutAndStderrAreDrainedTogetherSoLargeOutputOnBothNeverBlocks() throws Exception {
        // A reader that drained stdout before stderr would wait forever: the command blocks on the full stderr pipe.
        ObjectNode config = command("sh", "-c",
                "head -c 300000 /dev/zero | tr '\\0' e >&2; head -c 300000 /dev/zero | tr '\\0' o; echo end");
        config.put("max_output_bytes", 1000);

        JsonNode result = run(config);

        assertThat(result.get("stdout").asText()).hasSize(1000).endsWith("oooend\n");
        assertThat(result.get("stderr").asText()).hasSize(1000).matches("e+");
        assertThat(result.get("stdout_truncated").asBoolean()).isTrue();
        assertThat(result.get("stderr_truncated").asBoolean()).isTrue();
    }

    @Test
    void anInterruptKillsTheCommandAndEndsTheAttempt() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                run(command("sleep", "300"));
                outcome.complete(null);
            } catch (Throwable failure) {
                outcome.complete(failure);
            }
        });
        runner.start();

        runner.interrupt();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aProgramThatCannotBeStartedIsAPermanentError() {
        HandlerException failure = failureOf(handler, command("no-such-program-dagflow"));

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).startsWith("command node 'node': could not start 'no-such-program-dagflow'");
    }

    @Test
    void missingOrEmptyArgsArePermanentConfigErrors() {
        HandlerException missing = failureOf(handler, Json.object());
        HandlerException empty = failureOf(handler, (ObjectNode) Json.tree("{\"args\": []}"));
        HandlerException shellString = failureOf(handler, (ObjectNode) Json.tree("{\"args\": \"ls -l\"}"));

        assertThat(missing.getMessage()).isEqualTo("command node 'node': config field 'args' is required");
        assertThat(empty.getMessage()).contains("config field 'args' must name the program to run");
        assertThat(shellString.getMessage()).contains("config field 'args' must be a list, got a string");
    }

    @Test
    void aDisabledHandlerFailsEveryTaskPermanentlySayingHowToEnableIt() {
        CommandHandler disabled = new CommandHandler(false);

        HandlerException failure = failureOf(disabled, command("echo", "hi"));

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage())
                .isEqualTo("the command handler is disabled on this worker; start the worker with --allow-command");
    }
}
