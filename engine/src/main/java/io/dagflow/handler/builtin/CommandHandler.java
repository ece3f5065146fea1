package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program (no shell) and returns its exit code and output. See docs/handlers.md.
 *
 * <p>Running arbitrary programs on a worker is a decision for whoever runs the worker, so the
 * handler is disabled unless constructed enabled ({@code dagflow worker --allow-command}); a
 * disabled one fails every task with a permanent error saying how to enable it.
 *
 * <p>stdout and stderr are drained concurrently and each keeps its last
 * {@code max_output_bytes}. The program and all it starts are a {@link ProcessTree}: killed on
 * time-out or interruption, and whatever the program leaves running when it exits is killed too,
 * so that no process of an attempt outlives it.
 */
public final class CommandHandler implements Handler {

    public static final String TYPE = "command";
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;
    static final String DISABLED_MESSAGE =
            "the command handler is disabled on this worker; start the worker with --allow-command";

    private static final String SHUT_DOWN_MESSAGE = "the command handler was shut down: the process that runs it is exiting";

    /** How long to wait for the output pipes to close once the command has ended. */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);
    private static final int EXCERPT_CHARS = 500;

    private final boolean enabled;
    private final String disabledMessage;
    private final Set<ProcessTree> running = ConcurrentHashMap.newKeySet();
    private volatile boolean shutDown;

    public CommandHandler(boolean enabled) {
        this(enabled, DISABLED_MESSAGE);
    }

    private CommandHandler(boolean enabled, String disabledMessage) {
        this.enabled = enabled;
        this.disabledMessage = disabledMessage;
    }

    /**
     * A handler that never runs a program, for a host where {@code --allow-command} means nothing
     * (such as a Jenkins controller): {@code why} tells that host's users what to do instead.
     */
    public static CommandHandler refusing(String why) {
        return new CommandHandler(false, why);
    }

    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonNode handle(TaskContext context) throws HandlerException, InterruptedException {
        if (!enabled) {
            throw HandlerException.permanent(disabledMessage);
        }
        NodeConfig config = NodeConfig.of(TYPE, context);
        List<String> args = args(config);
        ProcessBuilder builder = new ProcessBuilder(args);
        environment(config, builder.environment());
        workingDirectory(config).ifPresent(builder::directory);
        Optional<Duration> timeout = config.optionalSeconds("timeout_seconds");
        int maxOutputBytes = config.optionalPositiveInt("max_output_bytes").orElse(DEFAULT_MAX_OUTPUT_BYTES);
        if (shutDown) {
            throw new InterruptedException(SHUT_DOWN_MESSAGE);
        }
        ProcessTree tree;
        try {
            tree = ProcessTree.start(builder);
        } catch (IOException e) {
            throw config.invalid("could not start '" + args.get(0) + "': " + e.getMessage());
        }
        running.add(tree);
        try {
            if (shutDown) {
                tree.kill(); // shutDown() ran while this one was starting
            }
            return await(tree, args, timeout, maxOutputBytes, context.nodeId());
        } finally {
            running.remove(tree);
        }
    }

    /**
     * Kills the process tree of every command running now, and makes later attempts end as
     * interrupted without starting anything. For the process that owns this handler, about to
     * exit: attempts whose commands it killed end with {@link InterruptedException}, as if
     * interrupted, not as failures of their commands.
     */
    public void shutDown() {
        shutDown = true;
        running.forEach(ProcessTree::kill);
    }

    private static JsonNode await(ProcessTree tree, List<String> args, Optional<Duration> timeout, int maxOutputBytes,
            String nodeId) throws HandlerException, InterruptedException {
        Process process = tree.process();
        String threadPrefix = "dagflow-command-" + nodeId + "-" + process.pid();
        StreamCapture stdout = StreamCapture.start(process.getInputStream(), maxOutputBytes, threadPrefix + "-stdout");
        StreamCapture stderr = StreamCapture.start(process.getErrorStream(), maxOutputBytes, threadPrefix + "-stderr");
        int exitCode;
        try {
            if (timeout.isPresent() && !process.waitFor(timeout.get().toNanos(), TimeUnit.NANOSECONDS)) {
                tree.kill();
                awaitOutput(args, stdout, stderr);
                throw HandlerException.retriable("command '" + args.get(0) + "' timed out after "
                        + seconds(timeout.get()) + " (timeout_seconds) and was killed" + stderrExcerpt(stderr));
            }
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            tree.kill();
            try {
                // The output ends once the tree is dead, so the attempt does not end before its processes.
                awaitOutput(args, stdout, stderr);
            } catch (HandlerException unreadable) {
                // The attempt is abandoned; what its output said no longer matters.
            }
            throw e;
        }
        tree.release();
        awaitOutput(args, stdout, stderr);
        if (tree.killed()) {
            throw new InterruptedException(SHUT_DOWN_MESSAGE);
        }
        if (exitCode != 0) {
            throw HandlerException.retriable("command '" + args.get(0) + "' exited with code " + exitCode
                    + stderrExcerpt(stderr));
        }
        ObjectNode result = Json.object();
        result.put("exit_code", exitCode);
        result.put("stdout", stdout.text());
        result.put("stderr", stderr.text());
        result.put("stdout_truncated", stdout.truncated());
        result.put("stderr_truncated", stderr.truncated());
        return result;
    }

    private static List<String> args(NodeConfig config) throws HandlerException {
        List<JsonNode> written = config.optionalList("args").orElseThrow(() -> config.missing("args"));
        if (written.isEmpty()) {
            throw config.invalidField("args", "must name the program to run, e.g. [\"ls\", \"-l\"]");
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            args.add(config.scalarText(written.get(i), "args[" + i + "]"));
        }
        if (args.get(0).isBlank()) {
            throw config.invalidField("args[0]", "must name the program to run");
        }
        return args;
    }

    /** Variables are added to the worker's environment; a null value removes one. */
    private static void environment(NodeConfig config, Map<String, String> environment) throws HandlerException {
        Optional<ObjectNode> written = config.optionalObject("env");
        if (written.isEmpty()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : written.get().properties()) {
            if (field.getValue().isNull()) {
                environment.remove(field.getKey());
            } else {
                environment.put(field.getKey(), config.scalarText(field.getValue(), "env." + field.getKey()));
            }
        }
    }

    private static Optional<File> workingDirectory(NodeConfig config) throws HandlerException {
        Optional<String> path = config.optionalText("working_dir");
        if (path.isEmpty()) {
            return Optional.empty();
        }
        File directory = new File(path.get());
        if (!directory.isDirectory()) {
            throw config.invalidField("working_dir", "is not a directory on this worker: " + path.get());
        }
        return Optional.of(directory);
    }

    private static void awaitOutput(List<String> args, StreamCapture stdout, StreamCapture stderr)
            throws HandlerException, InterruptedException {
        long deadline = System.nanoTime() + OUTPUT_GRACE.toNanos();
        try {
            stdout.awaitEnd(deadline);
            stderr.awaitEnd(deadline);
        } catch (IOException e) {
            throw new HandlerException("reading the output of '" + args.get(0) + "' failed: " + e.getMessage(), true, e);
        }
    }

    private static String stderrExcerpt(StreamCapture stderr) {
        String text = stderr.text().strip();
        if (text.isEmpty()) {
            return "";
        }
        String tail = text.length() <= EXCERPT_CHARS ? text : "..." + text.substring(text.length() - EXCERPT_CHARS);
        return "; stderr: " + tail;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
    }
}
