package io.dagflow.bench;

import java.util.List;
import java.util.stream.Collectors;

/** The transports the benchmark can run on, by {@code --transport} name. */
final class Backends {

    private static final List<Backend> ALL = List.of(new InMemoryBackend());

    private Backends() {
    }

    static Backend named(String name) {
        return ALL.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transport '" + name + "'; available: "
                        + ALL.stream().map(Backend::name).collect(Collectors.joining(", "))));
    }
}
