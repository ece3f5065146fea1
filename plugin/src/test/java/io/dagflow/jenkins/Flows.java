package io.dagflow.jenkins;

/** Workflow definitions used by the plugin's tests, and the Pipeline scripts that run them. */
final class Flows {

    /** input -> greet (echo) -> output: returns {"output": {"greeting": "Hello, <who>!"}}. */
    static final String GREET = """
            {
              "name": "greet",
              "dag": {
                "nodes": [
                  { "id": "input", "handler": "input", "config": { "required": ["who"] } },
                  { "id": "greet", "handler": "echo", "dependencies": ["input"],
                    "config": { "message": "Hello, {{input.who}}!" } },
                  { "id": "output", "handler": "output", "dependencies": ["greet"],
                    "config": { "greeting": "{{greet.message}}" } }
                ]
              }
            }
            """;

    /** first (count) -> middle (switch) -> last (count) -> output; plus an independent side (count). */
    static final String CHAIN = """
            {
              "name": "chain",
              "dag": {
                "nodes": [
                  { "id": "first", "handler": "count" },
                  { "id": "middle", "handler": "switch", "dependencies": ["first"] },
                  { "id": "last", "handler": "count", "dependencies": ["middle"] },
                  { "id": "side", "handler": "count" },
                  { "id": "output", "handler": "output", "dependencies": ["last", "side"],
                    "config": { "last_calls": "{{last.calls}}" } }
                ]
              }
            }
            """;

    /** A single gate node: the workflow runs until the test opens the gate. */
    static final String GATED = """
            {
              "name": "gated",
              "dag": {
                "nodes": [
                  { "id": "wait", "handler": "gate" },
                  { "id": "output", "handler": "output", "dependencies": ["wait"],
                    "config": { "opened": "{{wait.opened}}" } }
                ]
              }
            }
            """;

    /** One command node: embedded mode must refuse to run it. */
    static final String COMMAND = """
            {
              "name": "command",
              "dag": {
                "nodes": [
                  { "id": "run", "handler": "command", "config": { "args": ["true"] } }
                ]
              }
            }
            """;

    private Flows() {
    }

    /** A Groovy single-quoted string literal of a definition (definitions hold no quote or backslash). */
    static String literal(String definition) {
        if (definition.contains("'") || definition.contains("\\")) {
            throw new IllegalArgumentException("a test definition must not contain ' or \\");
        }
        return "'''" + definition + "'''";
    }
}
