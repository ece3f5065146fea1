package io.dagflow.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.Handler;
import io.dagflow.handler.HandlerException;
import io.dagflow.handler.TaskContext;
import io.dagflow.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node types for the plugin's tests, counting their calls by node id so that a test can prove
 * which nodes ran:
 * <ul>
 *   <li>{@code count} returns its config with the number of calls so far;</li>
 *   <li>{@code switch} fails permanently while {@link #failing} is set;</li>
 *   <li>{@code gate} waits until {@link #openGate()} (and says when it waits, and when it was
 *       interrupted instead).</li>
 * </ul>
 * Test classes contribute them with a nested {@code @TestExtension} {@link HandlerContribution}.
 */
final class TestHandlers {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    static volatile boolean failing;
    private static volatile CountDownLatch gateEntered = new CountDownLatch(1);
    private static volatile CountDownLatch gateOpen = new CountDownLatch(1);
    private static volatile CountDownLatch gateInterrupted = new CountDownLatch(1);

    private TestHandlers() {
    }

    static void reset() {
        CALLS.clear();
        failing = false;
        gateEntered = new CountDownLatch(1);
        gateOpen = new CountDownLatch(1);
        gateInterrupted = new CountDownLatch(1);
    }

    static int calls(String nodeId) {
        AtomicInteger count = CALLS.get(nodeId);
        return count == null ? 0 : count.get();
    }

    static void awaitGate() throws InterruptedException {
        if (!gateEntered.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("no gate node started within 60 s");
        }
    }

    /** True when a waiting gate node was interrupted (its execution cancelled) within the time given. */
    static boolean gateInterruptedWithin(long seconds) throws InterruptedException {
        return gateInterrupted.await(seconds, TimeUnit.SECONDS);
    }

    static void openGate() {
        gateOpen.countDown();
    }

    static List<Handler> all() {
        return List.of(
                handler("count", context -> Json.object().put("calls", called(context)).set("config", context.config())),
                handler("switch", context -> {
                    called(context);
                    if (failing) {
                        throw HandlerException.permanent("switched off");
                    }
                    return Json.object().put("switched", "on");
                }),
                handler("gate", context -> {
                    called(context);
                    gateEntered.countDown();
                    try {
                        gateOpen.await();
                    } catch (InterruptedException e) {
                        gateInterrupted.countDown();
                        throw e;
                    }
                    return Json.object().put("opened", true);
                }));
    }

    private static int called(TaskContext context) {
        return CALLS.computeIfAbsent(context.nodeId(), id -> new AtomicInteger()).incrementAndGet();
    }

    private static Handler handler(String type, Body body) {
        return new Handler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public JsonNode handle(TaskContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    @FunctionalInterface
    private interface Body {
        JsonNode run(TaskContext context) throws Exception;
    }
}
