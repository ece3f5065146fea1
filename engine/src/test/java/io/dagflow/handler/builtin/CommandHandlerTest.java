package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.HandlerException;
import io.dagflow.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandHandlerTest {

    private static final String PROCESS_GROUPS =
            "process groups need setsid(1), on Linux; elsewhere only a program's remaining descendants are killed";

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
    @EnabledOnOs(value = OS.LINUX, disabledReason = PROCESS_GROUPS)
    void aTimeoutKillsTheCommandAndEveryProcessItStartedAlsoThoseReParentedAway() throws Exception {
        MarkedProcesses marked = MarkedProcesses.sleepingFor(300);
        ObjectNode config = command("sh", "-c", startsChildAndOrphan(marked) + "; wait");
        config.put("working_dir", directory.toString());
        config.put("timeout_seconds", 1);

        HandlerException failure = failureOf(handler, config);

        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("command 'sh' timed out after 1s (timeout_seconds) and was killed");
        marked.assertAllGone(processesIn("shell.pid", "child.pid", "orphan.pid"));
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = PROCESS_GROUPS)
    void processesACommandLeavesBehindAreKilledWhenItExits() throws Exception {
        MarkedProcesses marked = MarkedProcesses.sleepingFor(300);
        ObjectNode config = command("sh", "-c", startsChildAndOrphan(marked) + "; echo done");
        config.put("working_dir", directory.toString());

        JsonNode result = run(config);

        assertThat(result.get("stdout").asText()).isEqualTo("done\n");
        assertThat(result.get("stdout_truncated").asBoolean()).as("output ended with the leftovers").isFalse();
        marked.assertAllGone(processesIn("child.pid", "orphan.pid"));
    }

    /**
     * A script that starts a background child and an orphan (a grandchild whose parent exited at
     * once, so that it is re-parented away and no longer a descendant), writing their pids.
     */
    private static String startsChildAndOrphan(MarkedProcesses marked) {
        String sleep = "sleep " + marked.sleepSeconds();
        return "echo $$ > shell.pid; (" + sleep + " & echo $! > orphan.pid); " + sleep + " & echo $! > child.pid";
    }

    private List<ProcessHandle> processesIn(String... pidFiles) throws IOException {
        List<ProcessHandle> processes = new ArrayList<>();
        for (String pidFile : pidFiles) {
            ProcessHandle.of(Long.parseLong(Files.readString(directory.resolve(pidFile)).trim()))
                    .ifPresent(processes::add);
        }
        return processes;
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
    @EnabledOnOs(value = OS.LINUX, disabledReason = PROCESS_GROUPS)
    void anInterruptKillsTheWholeProcessTreeAndEndsTheAttemptAsInterrupted() throws Exception {
        MarkedProcesses marked = MarkedProcesses.sleepingFor(300);
        RunningTree tree = startTree(handler, marked);
        assertThat(tree.processes()).as("the shell, its child and the orphan").hasSizeGreaterThanOrEqualTo(3);

        tree.runner().interrupt();

        assertThat(tree.outcome()).succeedsWithin(10, TimeUnit.SECONDS).isInstanceOf(InterruptedException.class);
        marked.assertAllGone(tree.processes());
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = PROCESS_GROUPS)
    void shuttingDownKillsRunningCommandsAndTheirAttemptsEndAsInterrupted() throws Exception {
        CommandHandler owned = new CommandHandler(true);
        MarkedProcesses marked = MarkedProcesses.sleepingFor(300);
        RunningTree tree = startTree(owned, marked);

        owned.shutDown();

        assertThat(tree.outcome()).succeedsWithin(10, TimeUnit.SECONDS).isInstanceOf(InterruptedException.class);
        marked.assertAllGone(tree.processes());
    }

    @Test
    void afterShutDownNoCommandStartsAndItsAttemptEndsAsInterrupted() {
        CommandHandler owned = new CommandHandler(true);
        Path witness = directory.resolve("ran");
        owned.shutDown();

        Throwable failure = catchThrowable(
                () -> owned.handle(TestTaskContext.withConfig(Json.write(command("touch", witness.toString())))));

        assertThat(failure).isInstanceOf(InterruptedException.class);
        assertThat(witness).doesNotExist();
    }

    /** A command running on a thread of its own; {@code outcome} gets what the handler threw, or null. */
    private record RunningTree(Thread runner, CompletableFuture<Throwable> outcome, List<ProcessHandle> processes) {
    }

    /** Starts a shell with a child and an orphan, and returns once all of them run. */
    private RunningTree startTree(CommandHandler commandHandler, MarkedProcesses marked) throws Exception {
        ReadySignal ready = ReadySignal.in(directory);
        ObjectNode config = command("sh", "-c", startsChildAndOrphan(marked) + "; echo ready > \"$1\"; wait",
                "sh", ready.path().toString());
        config.put("working_dir", directory.toString());
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                commandHandler.handle(TestTaskContext.withConfig(Json.write(config)));
                outcome.complete(null);
            } catch (Throwable failure) {
                outcome.complete(failure);
            }
        }, "command-under-test");
        runner.start();
        ready.await();
        return new RunningTree(runner, outcome, marked.running());
    }

    @Test
    void theProgramReadsAnEmptyStdin() throws Exception {
        JsonNode result = run(command("cat"));

        assertThat(result.get("stdout").asText()).isEmpty();
    }

    @Test
    void aProgramKilledByASignalFailsWithTheShellsExitCodeForIt() {
        HandlerException failure = failureOf(handler, command("sh", "-c", "kill -KILL $$"));

        assertThat(failure.isRetriable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("command 'sh' exited with code 137");
    }

    @Test
    void aProgramThatCannotBeStartedIsAPermanentError() {
        HandlerException failure = failureOf(handler, command("no-such-program-dagflow"));

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).startsWith("command node 'node': could not start 'no-such-program-dagflow'");
    }

    @Test
    void aFileThatIsNotExecutableCannotBeStartedAndThatIsPermanent() throws Exception {
        Path script = Files.writeString(directory.resolve("not-executable.sh"), "echo never\n");

        HandlerException failure = failureOf(handler, command(script.toString()));

        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).startsWith("command node 'node': could not start '" + script + "'");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = PROCESS_GROUPS)
    void theProgramIsLookedUpOnThePathOfItsOwnEnvironment() throws Exception {
        Path bin = Files.createDirectory(directory.resolve("bin"));
        Path program = Files.writeString(bin.resolve("greet-dagflow"), "#!/bin/sh\necho hello from bin\n");
        assertThat(program.toFile().setExecutable(true)).isTrue();
        ObjectNode config = command("greet-dagflow");
        config.putObject("env").put("PATH", bin + ":" + System.getenv("PATH"));

        JsonNode result = run(config);

        assertThat(result.get("stdout").asText()).isEqualTo("hello from bin\n");
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

    @Test
    void aRefusingHandlerNeverRunsAProgramAndSaysWhatItsHostWants() throws Exception {
        Path marker = Files.createTempFile("dagflow-refused", ".txt");
        Files.delete(marker);
        CommandHandler refusing = CommandHandler.refusing("commands never run here: use a worker");

        HandlerException failure = failureOf(refusing, command("touch", marker.toString()));

        assertThat(refusing.isEnabled()).isFalse();
        assertThat(failure.isRetriable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("commands never run here: use a worker");
        assertThat(marker).doesNotExist();
    }
}
