package io.dagflow.handler.discovered;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;

/**
 * A custom node type packaged the way users package theirs: listed in
 * {@code META-INF/services/io.dagflow.handler.Handler} (here in the test resources) and found by
 * {@link io.dagflow.handler.HandlerRegistry#discover(ClassLoader)}.
 */
public final class WordCountHandler implements Handler {

    @Override
    public String type() {
        return "word_count";
    }

    @Override
    public JsonNode handle(TaskContext context) throws HandlerException {
        JsonNode text = context.config().path("text");
        if (!text.isTextual()) {
            throw HandlerException.permanent("word_count node '" + context.nodeId() + "': config field 'text' must be a string");
        }
        String trimmed = text.textValue().trim();
        ObjectNode result = Json.object();
        result.put("words", trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length);
        return result;
    }
}
