package io.dagflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.handler.HandlerRegistry;
import io.dagflow.handler.builtin.BuiltinHandlers;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowDefinition;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.run.ExecutionResult;
import io.dagflow.run.StartOptions;
import io.dagflow.run.WorkflowEngine;
import io.dagflow.store.Stores;
import io.dagflow.store.file.FileStores;
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
