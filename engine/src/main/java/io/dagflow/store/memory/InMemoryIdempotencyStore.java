package io.dagflow.store.memory;

import io.dagflow.store.IdempotencyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keys in memory; a TTL is honoured when a key is read or replaced, as Redis would. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(String value, long expiresAt) {
        boolean expired(long now) {
            return expiresAt > 0 && now >= expiresAt;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        long now = System.currentTimeMillis();
        Entry fresh = new Entry(value, expiry(now, ttl));
        boolean[] set = {false};
        entries.compute(key, (k, existing) -> {
            if (existing == null || existing.expired(now)) {
                set[0] = true;
                return fresh;
            }
            return existing;
        });
        return set[0];
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        entries.put(key, new Entry(value, expiry(System.currentTimeMillis(), ttl)));
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null || entry.expired(System.currentTimeMillis())) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    private static long expiry(long now, Duration ttl) {
        return ttl == null || ttl.isZero() || ttl.isNegative() ? 0 : now + ttl.toMillis();
    }
}
