package io.dagflow.validation;

import java.util.List;
import java.util.Map;

/**
 * The fields one kind of object in a definition accepts, and the message for any other field.
 *
 * @param owner what the object is, for messages ("a node")
 * @param names the accepted fields, in the order the documentation lists them
 * @param aliases names other workflow tools use, mapped to ours, so that a user coming from
 *     them is told what to write
 */
record FieldSet(String owner, List<String> names, Map<String, String> aliases) {

    static final FieldSet WORKFLOW = new FieldSet("the workflow",
            List.of("name", "description", "deadline_seconds", "defaults", "dag"),
            Map.of("nodes", "dag", "tasks", "dag", "steps", "dag"));
    static final FieldSet DEFAULTS = new FieldSet("defaults",
            List.of("retry_policy", "timeout_seconds", "queue_timeout_seconds", "queue"),
            Map.of("retries", "retry_policy", "retry", "retry_policy"));
    static final FieldSet DAG = new FieldSet("dag", List.of("nodes"), Map.of("tasks", "nodes", "steps", "nodes"));
    static final FieldSet NODE = new FieldSet("a node",
            List.of("id", "handler", "description", "dependencies", "config", "retry_policy", "timeout_seconds",
                    "queue", "queue_timeout_seconds"),
            Map.of("type", "handler", "depends_on", "dependencies", "deps", "dependencies", "needs", "dependencies",
                    "retries", "retry_policy", "retry", "retry_policy", "params", "config"));
    static final FieldSet RETRY_POLICY = new FieldSet("retry_policy",
            List.of("max_attempts", "initial_backoff_seconds", "backoff_multiplier", "max_backoff_seconds",
                    "strategy", "jitter"),
            Map.of("attempts", "max_attempts", "retries", "max_attempts", "backoff", "initial_backoff_seconds"));

    FieldSet {
        names = List.copyOf(names);
        aliases = Map.copyOf(aliases);
    }

    boolean accepts(String name) {
        return names.contains(name);
    }

    String unknownFieldMessage(String name) {
        String meant = aliases.containsKey(name) ? aliases.get(name) : Suggestions.closest(name, names);
        if (meant != null) {
            return "unknown field '" + name + "', did you mean '" + meant + "'?";
        }
        return "unknown field '" + name + "'; " + owner + " accepts " + String.join(", ", names);
    }
}
