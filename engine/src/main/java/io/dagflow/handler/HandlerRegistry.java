package io.dagflow.handler;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The node types a worker can run, by name. */
public final class HandlerRegistry {

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

    /** Adds or replaces a handler. */
    public HandlerRegistry register(Handler handler) {
        handlers.put(handler.type(), handler);
        return this;
    }

    /** Registers a function as a node type: the simplest custom handler. */
    public HandlerRegistry register(String type, HandlerFunction function) {
        return register(new Handler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode handle(TaskContext context) throws Exception {
                return function.apply(context);
            }
        });
    }

    /** Adds every {@link Handler} listed in {@code META-INF/services} on the class loader's path. */
    public HandlerRegistry discover(ClassLoader loader) {
        for (Handler handler : ServiceLoader.load(Handler.class, loader)) {
            register(handler);
        }
        return this;
    }

    public Optional<Handler> find(String type) {
        return Optional.ofNullable(handlers.get(type));
    }

    public Set<String> types() {
        return new TreeSet<>(handlers.keySet());
    }

    /** A custom handler written as a lambda. */
    @FunctionalInterface
    public interface HandlerFunction {
        com.fasterxml.jackson.databind.JsonNode apply(TaskContext context) throws Exception;
    }
}
