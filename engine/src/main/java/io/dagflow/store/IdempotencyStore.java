package io.dagflow.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Keys that make dispatch and execution happen once: {@code dispatch:{execution}:{node}:{attempt}}
 * on the orchestrator and {@code exec:{execution}:{node}} on workers.
 */
public interface IdempotencyStore {

    /** Sets the key only when it is absent; true when this call set it. */
    boolean putIfAbsent(String key, String value, Duration ttl);

    void put(String key, String value, Duration ttl);

    Optional<String> get(String key);
}
