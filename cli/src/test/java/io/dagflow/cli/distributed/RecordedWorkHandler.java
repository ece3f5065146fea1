package io.dagflow.cli.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A custom node type for the process tests, type {@code recorded_work}: works for
 * {@code config.millis} (a sleep that an interrupt or a killed process ends), and only then
 * records its effect, a line {@code <pid> <node> <attempt>} appended to
 * {@code <config.dir>/<node>.runs}. A task killed midway leaves no line, so the lines count how
 * often each node's work took effect. Unlike a {@code command} node, nothing outlives the worker.
 * With {@code config.nest} N it returns its result wrapped in N arrays instead (a result too deep
 * to store, for N over the limit).
 */
public final class RecordedWorkHandler implements Handler {

    public static final String TYPE = "recorded_work";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonNode handle(TaskContext context) throws Exception {
        JsonNode dir = context.config().path("dir");
        if (!dir.isTextual()) {
            throw HandlerException.permanent(TYPE + " node '" + context.nodeId() + "' needs config field 'dir'");
        }
        Thread.sleep(context.config().path("millis").asLong(0));
        long pid = ProcessHandle.current().pid();
        String line = pid + " " + context.nodeId() + " " + context.attempt() + "\n";
        try {
            Files.writeString(Path.of(dir.textValue(), context.nodeId() + ".runs"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw HandlerException.permanent("cannot record the work of " + context.nodeId() + ": " + e.getMessage());
        }
        ObjectNode result = Json.object();
        result.put("pid", pid);
        result.put("node", context.nodeId());
        JsonNode wrapped = result;
        for (int i = 0; i < context.config().path("nest").asInt(0); i++) {
            wrapped = Json.mapper().createArrayNode().add(wrapped);
        }
        return wrapped;
    }
}
