package io.dagflow.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FairRunLimitTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Every call blocks its thread while it waits or runs: one thread each. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void freedPlacesGoToTheWaitingOwnersInTurnNotInArrivalOrder() throws Exception {
        FairRunLimit limit = new FairRunLimit(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch holderRuns = new CountDownLatch(1);
        CountDownLatch holderMayEnd = new CountDownLatch(1);
        CompletableFuture<JsonNode> holder = CompletableFuture.supplyAsync(() -> run(limit, "x", () -> {
            holderRuns.countDown();
            holderMayEnd.await();
            return "x";
        }), threads);
        holderRuns.await();
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        int queued = 0;
        for (String call : List.of("a1", "a2", "a3", "b1")) {
            String owner = call.substring(0, 1);
            calls.add(CompletableFuture.supplyAsync(() -> run(limit, owner, () -> {
                ran.add(call);
                return call;
            }), threads));
            assertThat(limit.awaitQueued(++queued, PATIENCE)).isTrue();
        }

        holderMayEnd.countDown();
        holder.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<JsonNode> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }

        assertThat(ran).containsExactly("a1", "b1", "a2", "a3");
        assertThat(limit.running()).isZero();
        assertThat(limit.queued()).isZero();
    }

    @Test
    void anInterruptedWaitLeavesTheQueueAndTakesNoPlace() throws Exception {
        FairRunLimit limit = new FairRunLimit(1);
        CountDownLatch holderRuns = new CountDownLatch(1);
        CountDownLatch holderMayEnd = new CountDownLatch(1);
        CompletableFuture<JsonNode> holder = CompletableFuture.supplyAsync(() -> run(limit, "x", () -> {
            holderRuns.countDown();
            holderMayEnd.await();
            return "x";
        }), threads);
        holderRuns.await();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread waiter = new Thread(() -> {
            try {
                limit.run("y", handler(() -> "never"), null);
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        waiter.start();
        assertThat(limit.awaitQueued(1, PATIENCE)).isTrue();

        waiter.interrupt();
        waiter.join();

        assertThat(failures).singleElement().isInstanceOf(InterruptedException.class);
        assertThat(limit.queued()).isZero();
        holderMayEnd.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(limit.running()).isZero();
    }

    @Test
    void raisingTheLimitStartsWaitingCalls() throws Exception {
        FairRunLimit limit = new FairRunLimit(1);
        CountDownLatch bothRun = new CountDownLatch(2);
        CountDownLatch mayEnd = new CountDownLatch(1);
        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        for (String owner : List.of("a", "b")) {
            calls.add(CompletableFuture.supplyAsync(() -> run(limit, owner, () -> {
                bothRun.countDown();
                mayEnd.await();
                return owner;
            }), threads));
        }
        assertThat(limit.awaitQueued(1, PATIENCE)).isTrue();

        limit.setLimit(2);

        assertThat(bothRun.await(10, TimeUnit.SECONDS)).isTrue();
        mayEnd.countDown();
        for (CompletableFuture<JsonNode> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
    }

    private interface Work {
        String call() throws Exception;
    }

    private static Handler handler(Work work) {
        return new Handler() {
            @Override
            public String type() {
                return "work";
            }

            @Override
            public JsonNode handle(TaskContext context) throws Exception {
                return TextNode.valueOf(work.call());
            }
        };
    }

    private static JsonNode run(FairRunLimit limit, String owner, Work work) {
        try {
            return limit.run(owner, handler(work), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
