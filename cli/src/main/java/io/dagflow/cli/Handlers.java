package io.dagflow.cli;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.handler.builtin.BuiltinHandlers;
import io.dagflow.handler.builtin.CommandHandler;
import io.dagflow.handler.builtin.HttpDestinations;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The handlers a command runs with: the built-ins plus custom ones found in the given jars. */
final class Handlers {

    private Handlers() {
    }

    static HandlerRegistry load(boolean allowCommand, List<Path> jars) {
        return load(allowCommand, HttpDestinations.unrestricted(), jars);
    }

    static HandlerRegistry load(boolean allowCommand, HttpDestinations destinations, List<Path> jars) {
        HandlerRegistry registry = BuiltinHandlers.registry(allowCommand, destinations);
        if (jars == null || jars.isEmpty()) {
            return registry;
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new UserError("handler jar " + jar + " does not exist");
            }
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new UserError("handler jar " + jar + ": " + e.getMessage());
            }
        }
        // Kept open for the life of the process: handler classes are loaded from it lazily.
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), Handlers.class.getClassLoader());
        return registry.discover(loader);
    }

    /**
     * Kills the processes of the command nodes still running in this process and lets no new one
     * start: the last thing a command does before the JVM exits, once what it waits for is done.
     */
    static void shutDownCommands(HandlerRegistry handlers) {
        handlers.find(CommandHandler.TYPE)
                .filter(CommandHandler.class::isInstance)
                .map(CommandHandler.class::cast)
                .ifPresent(CommandHandler::shutDown);
    }
}
