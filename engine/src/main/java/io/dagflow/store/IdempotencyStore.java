package io.dagflow.store;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keys that make dispatch and execution happen once: {@code dispatch:{execution}:{node}:{attempt}}
 * on the orchestrator and {@code exec:{execution}:{node}} on workers.
 */
public interface IdempotencyStore {

    /** Sets the key only when it is absent; true when this call set it. */
    boolean putIfAbsent(String key, String value, Duration ttl);

    void put(String key, String value, Duration ttl);

    /**
     * Sets each absent key to {@code owner}, in one call where the store can, and returns the
     * keys that hold {@code owner} afterwards: set by this call, or by the same owner before (a
     * call tried again after its reply was lost). Keys held by anyone else are left out.
     */
    default Set<String> claim(List<String> keys, String owner, Duration ttl) {
        Set<String> owned = new HashSet<>();
        for (String key : keys) {
            if (putIfAbsent(key, owner, ttl) || get(key).filter(owner::equals).isPresent()) {
                owned.add(key);
            }
        }
        return owned;
    }

    Optional<String> get(String key);
}
