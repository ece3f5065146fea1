package io.dagflow.worker;

import java.util.Locale;
import java.util.Map;

/**
 * The secrets a worker resolves {@code {{secrets.NAME}}} with, where the handler runs: they never
 * travel in a task, nor are stored in events, results or records (docs/handlers.md, "Secrets").
 */
@FunctionalInterface
public interface Secrets {

    /** The prefix of the environment variables that hold secrets: {@code DAGFLOW_SECRET_TOKEN} for {@code token}. */
    String ENVIRONMENT_PREFIX = "DAGFLOW_SECRET_";

    /** The value of the secret, or null when this worker has none of that name. */
    String value(String name);

    static Secrets none() {
        return name -> null;
    }

    /** Secrets given by name (a secrets file, credentials bound by a CI step). */
    static Secrets of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }

    /** {@code DAGFLOW_SECRET_<NAME>} of {@code environment}, the name upper-cased. */
    static Secrets fromEnvironment(Map<String, String> environment) {
        return name -> environment.get(ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT));
    }

    /** These secrets, then {@code fallback} for the names they do not have. */
    default Secrets or(Secrets fallback) {
        return name -> {
            String value = value(name);
            return value != null ? value : fallback.value(name);
        };
    }
}
