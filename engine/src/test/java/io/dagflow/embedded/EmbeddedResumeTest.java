package io.dagflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.handler.HandlerRegistry;
import io.dagflow.handler.builtin.BuiltinHandlers;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.EventFields;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.store.Stores;
import io.dagflow.store.file.FileStores;
import io.dagflow.timeline.TimelineAttempt;
import io.dagflow.timeline.TimelineBuilder;
import io.dagflow.store.memory.InMemoryIdempotencyStore;
import io.dagflow.validation.InvalidWorkflowException;
import io.dagflow.validation.WorkflowLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Jenkins plugin relies on to take an embedded execution over after a controller restart:
 * events, records and results on files, idempotency keys in memory, so that the attempt that was
 * running when the old engine stopped runs again under the new one.
 */
class EmbeddedResumeTest {

    private static final String GATED = """
            {"name": "gated", "dag": {"nodes": [
              {"id": "wait", "handler": "gate"},
              {"id": "output", "handler": "output", "dependencies": ["wait"], "config": {"opened": "{{wait.opened}}"}}
            ]}}""";

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void anAttemptRunningWhenTheEngineStoppedRunsAgainWhenTheExecutionIsResumed(@TempDir Path directory)
            throws Exception {
        String executionId = WorkflowEngine.newExecutionId();
        EmbeddedEngine first = engine(directory);
        first.engine().start(parse(GATED), Json.object(), StartOptions.defaults().withExecutionId(executionId));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        first.close();
        open.countDown();
        ExecutionResult result;
        try (EmbeddedEngine second = engine(directory)) {
            result = second.engine().resume(executionId, List.of()).completion().get(30, TimeUnit.SECONDS);
        }

        assertThat(result.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(result.outputs().toString()).isEqualTo("{\"output\":{\"opened\":true}}");
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void givenAnAttemptRunningWhenTheEngineStoppedWhenItRunsAgainAfterTheResumeThenTheRestartIsRecordedAndTimedFromIt(
            @TempDir Path directory) throws Exception {
        String executionId = WorkflowEngine.newExecutionId();
        CountDownLatch startRecorded = new CountDownLatch(1);
        EmbeddedEngine first = engine(directory);
        first.engine().start(parse(GATED), Json.object(), StartOptions.defaults().withExecutionId(executionId)
                .withListener(event -> {
                    if (event.type() == EventType.NODE_STARTED) {
                        startRecorded.countDown();
                    }
                }));
        assertThat(startRecorded.await(30, TimeUnit.SECONDS)).isTrue();

        first.close();
        open.countDown();
        try (EmbeddedEngine second = engine(directory)) {
            second.engine().resume(executionId, List.of()).completion().get(30, TimeUnit.SECONDS);
        }

        List<WorkflowEvent> events = FileStores.open(directory).events().read(executionId);
        List<WorkflowEvent> wait = events.stream().filter(e -> "wait".equals(e.nodeId())).toList();
        assertThat(wait).extracting(WorkflowEvent::type).containsExactly(EventType.NODE_DISPATCHED,
                EventType.NODE_STARTED, EventType.NODE_RESTARTED, EventType.NODE_COMPLETED);
        WorkflowEvent restarted = wait.get(2);
        assertThat(restarted.time()).isGreaterThan(wait.get(1).time());
        assertThat(wait.get(3).details().path(EventFields.DURATION_MS).asLong())
                .isEqualTo(wait.get(3).time() - restarted.time());
        TimelineAttempt attempt = TimelineBuilder.from(events).nodes().stream()
                .filter(n -> n.id().equals("wait")).findFirst().orElseThrow().attempts().get(0);
        assertThat(attempt.restarts()).hasSize(1);
        assertThat(attempt.durationMillis(0)).isEqualTo(wait.get(3).time() - restarted.time());
    }

    private EmbeddedEngine engine(Path directory) {
        HandlerRegistry handlers = BuiltinHandlers.registry(false).register("gate", context -> {
            calls.incrementAndGet();
            entered.countDown();
            open.await();
            return Json.object().put("opened", true);
        });
        Stores files = FileStores.open(directory);
        Stores stores = new Stores(files.definitions(), files.executions(), files.results(),
                new InMemoryIdempotencyStore(), files.events());
        return EmbeddedEngine.builder(handlers).stores(stores).workers(2).definitionParser(source -> {
            try {
                return parse(source);
            } catch (InvalidWorkflowException e) {
                throw new IllegalStateException(e);
            }
        }).build();
    }

    private static WorkflowDefinition parse(String source) throws InvalidWorkflowException {
        return new WorkflowLoader().parse(source, "gated.json");
    }
}
