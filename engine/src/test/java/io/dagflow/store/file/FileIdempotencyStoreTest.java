package io.dagflow.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIdempotencyStoreTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheFirstPutIfAbsentSetsAKey() {
        FileIdempotencyStore store = new FileIdempotencyStore(dir);

        assertThat(store.putIfAbsent("dispatch:e1:a:1", "orchestrator-1", Duration.ofHours(1))).isTrue();
        assertThat(store.putIfAbsent("dispatch:e1:a:1", "orchestrator-2", Duration.ofHours(1))).isFalse();

        assertThat(new FileIdempotencyStore(dir).get("dispatch:e1:a:1")).contains("orchestrator-1");
    }

    @Test
    void anExpiredKeyCanBeSetAgainAndIsRemovedWhenTheStoreOpens() throws Exception {
        FileIdempotencyStore store = new FileIdempotencyStore(dir);
        store.put("exec:e1:a", "done", Duration.ofMillis(1));
        store.put("exec:e1:b", "kept", null);
        waitUntilExpired(store, "exec:e1:a");

        assertThat(store.putIfAbsent("exec:e1:a", "again", Duration.ofMillis(1))).isTrue();
        waitUntilExpired(store, "exec:e1:a");
        new FileIdempotencyStore(dir);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("exec%3Ae1%3Ab.json");
        }
    }

    @Test
    void putReplacesTheValue() {
        FileIdempotencyStore store = new FileIdempotencyStore(dir);
        store.put("k", "one", Duration.ofHours(1));
        store.put("k", "two", Duration.ofHours(1));

        assertThat(store.get("k")).contains("two");
        assertThat(store.get("unknown")).isEmpty();
    }

    @Test
    void racingPutIfAbsentCallsFromTwoStoresSetTheKeyOnce() throws Exception {
        FileIdempotencyStore first = new FileIdempotencyStore(dir);
        FileIdempotencyStore second = new FileIdempotencyStore(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 50; round++) {
                String key = "dispatch:e1:n" + round + ":1";
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> calls = new ArrayList<>();
                for (int caller = 0; caller < 4; caller++) {
                    FileIdempotencyStore store = caller % 2 == 0 ? first : second;
                    String value = "caller-" + caller;
                    Callable<Boolean> call = () -> {
                        go.await();
                        return store.putIfAbsent(key, value, Duration.ofHours(1));
                    };
                    calls.add(pool.submit(call));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> call : calls) {
                    winners += call.get() ? 1 : 0;
                }
                assertThat(winners).as("callers that set %s", key).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void waitUntilExpired(FileIdempotencyStore store, String key) throws InterruptedException {
        while (store.get(key).isPresent()) {
            Thread.sleep(1);
        }
    }
}
