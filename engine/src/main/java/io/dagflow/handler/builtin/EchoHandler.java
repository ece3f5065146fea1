package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.TaskContext;

/** Returns its resolved config: handy to reshape data between nodes and to try out templates. */
public final class EchoHandler implements Handler {

    public static final String TYPE = "echo";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JsonNode handle(TaskContext context) throws HandlerException {
        return NodeConfig.of(TYPE, context).all();
    }
}
