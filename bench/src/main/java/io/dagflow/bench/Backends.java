package io.dagflow.bench;

/** The transports the benchmark can run on, by {@code --transport} name. */
final class Backends {

    private Backends() {
    }

    static Backend named(String name, BenchOptions options) {
        return switch (name) {
            case "memory" -> new InMemoryBackend();
            case "redis" -> new RedisBenchBackend(options.redisServer());
            default -> throw new IllegalArgumentException("unknown transport '" + name + "'; available: memory, redis");
        };
    }
}
