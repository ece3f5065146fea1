package io.dagflow.handler.builtin;

import io.dagflow.handler.HandlerRegistry;
import java.util.Set;

/** The node types every worker knows. */
public final class BuiltinHandlers {

    /** The names of the built-in node types; validation accepts these plus registered custom ones. */
    public static final Set<String> TYPES = Set.of(
            InputHandler.TYPE, OutputHandler.TYPE, HttpHandler.TYPE, EchoHandler.TYPE, SleepHandler.TYPE,
            CommandHandler.TYPE);

    private BuiltinHandlers() {
    }

    /** A registry holding every built-in; {@code command} runs programs only when {@code allowCommand}. */
    public static HandlerRegistry registry(boolean allowCommand) {
        return registry(allowCommand, HttpDestinations.unrestricted());
    }

    /** As {@link #registry(boolean)}, with {@code http} calling only the allowed destinations. */
    public static HandlerRegistry registry(boolean allowCommand, HttpDestinations destinations) {
        HandlerRegistry registry = new HandlerRegistry();
        registerAll(registry, allowCommand, destinations);
        return registry;
    }

    /**
     * Registers every built-in. {@code command} is always registered so that a workflow using it
     * on a worker without {@code --allow-command} fails with a message saying so, not as unknown.
     */
    public static void registerAll(HandlerRegistry registry, boolean allowCommand) {
        registerAll(registry, allowCommand, HttpDestinations.unrestricted());
    }

    public static void registerAll(HandlerRegistry registry, boolean allowCommand, HttpDestinations destinations) {
        registry.register(new InputHandler())
                .register(new OutputHandler())
                .register(new HttpHandler(destinations))
                .register(new EchoHandler())
                .register(new SleepHandler())
                .register(new CommandHandler(allowCommand));
    }
}
