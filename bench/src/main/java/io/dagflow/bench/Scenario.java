package io.dagflow.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What can be benchmarked, by its command-line name. */
enum Scenario {
    WIDE("N-1 independent nodes feeding one fan-in node", 10_000),
    CHAIN("N nodes, each depending on the previous one", 1_000),
    DIAMOND("layers of --width nodes, each layer fully connected to the next", 10_000),
    RANDOM("seeded random DAG (--edge-probability, --max-in-degree, --seed)", 10_000),
    VALIDATION("parse and plan definitions of --sizes nodes (no execution)", 0),
    MEMORY("heap held by one N-node execution: defined, all dispatched, finished", 100_000),
    SUITE("every scenario above with its defaults, as reported in docs/performance.md", 0);

    private final String description;
    private final int defaultNodes;

    Scenario(String description, int defaultNodes) {
        this.description = description;
        this.defaultNodes = defaultNodes;
    }

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String description() {
        return description;
    }

    int defaultNodes() {
        return defaultNodes;
    }

    boolean isShape() {
        return this == WIDE || this == CHAIN || this == DIAMOND || this == RANDOM;
    }

    static Scenario named(String name) {
        for (Scenario scenario : values()) {
            if (scenario.cliName().equals(name)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; expected one of: "
                + Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", ")));
    }
}
