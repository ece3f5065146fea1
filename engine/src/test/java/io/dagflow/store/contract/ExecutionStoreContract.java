package io.dagflow.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.store.ExecutionQuery;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.store.ExecutionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ExecutionStore} must do; an implementation's test says how to make an empty store. */
public abstract class ExecutionStoreContract {

    protected ExecutionStore store;
    /** Workflow names unique to this test, so that stores shared between tests still look empty. */
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    /** A store that holds no executions of the workflows this suite names. */
    protected abstract ExecutionStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void aSavedRecordIsFoundWithEveryField() {
        ExecutionRecord record = new ExecutionRecord("e-" + tag, workflow("orders"), "abc123", WorkflowStatus.FAILED,
                1_000, 2_500, Json.tree("{\"customer\": 7}"), "e-previous", "orchestrator-1",
                Map.of(NodeStatus.COMPLETED, 3, NodeStatus.FAILED, 1), Json.tree("{\"total\": [1, 2]}"), "node x failed");

        store.save(record);

        assertThat(store.find(record.executionId())).contains(record);
    }

    @Test
    void anUnknownExecutionIsNotFound() {
        assertThat(store.find("missing-" + tag)).isEmpty();
    }

    @Test
    void savingAgainReplacesTheRecordAndItsStatus() {
        ExecutionRecord running = running("e1", workflow("orders"), 1_000);
        store.save(running);
        ExecutionRecord completed = running.finished(WorkflowStatus.COMPLETED, 2_000, Map.of(NodeStatus.COMPLETED, 2),
                Json.tree("{\"ok\": true}"), null);

        store.save(completed);

        assertThat(store.find(running.executionId())).contains(completed);
        ExecutionQuery ofWorkflow = ExecutionQuery.all().withName(workflow("orders"));
        assertThat(store.query(ofWorkflow.withStatus(WorkflowStatus.COMPLETED))).containsExactly(completed);
        assertThat(store.query(ofWorkflow.withStatus(WorkflowStatus.RUNNING))).isEmpty();
    }

    @Test
    void queriesListTheNewestStartFirst() {
        store.save(running("old", workflow("w"), 1_000));
        store.save(running("new", workflow("w"), 3_000));
        store.save(running("mid", workflow("w"), 2_000));

        assertThat(store.query(ExecutionQuery.all().withName(workflow("w"))))
                .extracting(ExecutionRecord::executionId).containsExactly(id("new"), id("mid"), id("old"));
    }

    @Test
    void queriesFilterByWorkflowByStatusAndByBoth() {
        store.save(running("a1", workflow("a"), 1_000));
        store.save(running("a2", workflow("a"), 2_000).finished(WorkflowStatus.FAILED, 2_100, null, null, "x"));
        store.save(running("b1", workflow("b"), 3_000).finished(WorkflowStatus.FAILED, 3_100, null, null, "y"));

        assertThat(store.query(ExecutionQuery.all().withName(workflow("a"))))
                .extracting(ExecutionRecord::executionId).containsExactly(id("a2"), id("a1"));
        assertThat(store.query(ExecutionQuery.all().withStatus(WorkflowStatus.FAILED)))
                .extracting(ExecutionRecord::executionId).contains(id("b1"), id("a2")).doesNotContain(id("a1"));
        assertThat(store.query(ExecutionQuery.all().withName(workflow("a")).withStatus(WorkflowStatus.FAILED)))
                .extracting(ExecutionRecord::executionId).containsExactly(id("a2"));
        assertThat(store.query(ExecutionQuery.all().withName(workflow("c")))).isEmpty();
    }

    @Test
    void startTimeBoundsAreExclusive() {
        for (long start = 1_000; start <= 5_000; start += 1_000) {
            store.save(running("t" + start, workflow("timed"), start));
        }
        ExecutionQuery between = new ExecutionQuery(workflow("timed"), null, 2_000, 5_000, 0, 50);

        assertThat(store.query(between)).extracting(ExecutionRecord::executionId)
                .containsExactly(id("t4000"), id("t3000"));
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrOverlap() {
        List<String> expected = new ArrayList<>();
        for (int i = 20; i >= 1; i--) {
            expected.add(id("p" + i));
        }
        for (int i = 1; i <= 20; i++) {
            store.save(running("p" + i, workflow("paged"), 10_000 + i));
        }
        ExecutionQuery query = ExecutionQuery.all().withName(workflow("paged"));

        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 20; offset += 7) {
            store.query(query.page(offset, 7)).forEach(r -> seen.add(r.executionId()));
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(store.query(query.page(20, 7))).isEmpty();
    }

    @Test
    void pagesOfAQueryByWorkflowAndStatusSkipOtherStatuses() {
        for (int i = 1; i <= 30; i++) {
            ExecutionRecord record = running("s" + i, workflow("mixed"), 20_000 + i);
            store.save(i % 3 == 0 ? record.finished(WorkflowStatus.COMPLETED, 30_000, null, null, null) : record);
        }
        ExecutionQuery completed = ExecutionQuery.all().withName(workflow("mixed")).withStatus(WorkflowStatus.COMPLETED);

        assertThat(store.query(completed.page(2, 3))).extracting(ExecutionRecord::executionId)
                .containsExactly(id("s24"), id("s21"), id("s18"));
    }

    private String workflow(String name) {
        return name + "-" + tag;
    }

    private String id(String name) {
        return name + "-" + tag;
    }

    private ExecutionRecord running(String name, String workflow, long startedAt) {
        return new ExecutionRecord(id(name), workflow, "v1", WorkflowStatus.RUNNING, startedAt, 0, Json.object(), null,
                "orchestrator", null, null, null);
    }
}
