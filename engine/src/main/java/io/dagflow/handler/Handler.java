package io.dagflow.handler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A node type: what a worker does for a node whose {@code handler} names it.
 *
 * <p>Implementations must be thread-safe: a worker runs many tasks at once with one instance.
 * To add a node type, implement this interface and either register it on a
 * {@link HandlerRegistry} or list it in {@code META-INF/services/io.dagflow.handler.Handler}
 * of a jar on the worker's classpath (it then needs a public no-argument constructor).
 */
public interface Handler {

    /** The name used in workflow definitions ({@code "handler": "..."}). */
    String type();

    /**
     * Runs one attempt.
     *
     * @return the node's result, readable downstream as {@code {{node_id.path}}}
     * @throws HandlerException for a failure with a clear message; {@code retriable} says whether
     *     another attempt could succeed. Any other exception is a retriable failure.
     * @throws InterruptedException when the attempt is abandoned (time-out, worker stopping)
     */
    JsonNode handle(TaskContext context) throws Exception;
}
