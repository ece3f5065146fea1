package io.dagflow.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.store.IdempotencyStore;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyStore} must do; an implementation's test says how to make an empty store. */
public abstract class IdempotencyStoreContract {

    protected IdempotencyStore store;
    private final String execution = UUID.randomUUID().toString();

    protected abstract IdempotencyStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void onlyTheFirstPutIfAbsentSetsTheKey() {
        String key = "exec:" + execution + ":fetch";

        boolean first = store.putIfAbsent(key, "1:running", Duration.ofMinutes(5));
        boolean second = store.putIfAbsent(key, "2:running", Duration.ofMinutes(5));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store.get(key)).contains("1:running");
    }

    @Test
    void putReplacesTheValue() {
        String key = "exec:" + execution + ":fetch";
        store.putIfAbsent(key, "1:running", Duration.ofMinutes(5));

        store.put(key, "1:done", Duration.ofMinutes(5));

        assertThat(store.get(key)).contains("1:done");
    }

    @Test
    void anAbsentKeyHasNoValue() {
        assertThat(store.get("dispatch:" + execution + ":fetch:1")).isEmpty();
    }

    @Test
    void aKeyWithoutTimeToLiveStays() {
        String key = "dispatch:" + execution + ":fetch:1";

        assertThat(store.putIfAbsent(key, "sent", Duration.ZERO)).isTrue();
        store.put(key + ":b", "sent", null);

        assertThat(store.get(key)).contains("sent");
        assertThat(store.get(key + ":b")).contains("sent");
    }

    @Test
    void anExpiredKeyIsGoneAndCanBeSetAgain() throws InterruptedException {
        String key = "exec:" + execution + ":short";
        store.putIfAbsent(key, "1:running", Duration.ofMillis(50));

        // Time has to pass for a time to live to run out; nothing here waits for another thread.
        Thread.sleep(120);

        assertThat(store.get(key)).isEmpty();
        assertThat(store.putIfAbsent(key, "2:running", Duration.ofMinutes(1))).isTrue();
        assertThat(store.get(key)).contains("2:running");
    }
}
