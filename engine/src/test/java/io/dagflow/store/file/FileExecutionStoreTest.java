package io.dagflow.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.store.ExecutionQuery;
import io.dagflow.store.ExecutionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileExecutionStoreTest {

    @TempDir
    Path dir;

    private static ExecutionRecord running(String id, String name, long startedAt) {
        return new ExecutionRecord(id, name, "v1", WorkflowStatus.RUNNING, startedAt, 0,
                Json.tree("{\"day\":\"2024-01-01\"}"), null, "orchestrator-1", Map.of(), null, null);
    }

    @Test
    void aSavedRecordIsFoundWithEveryField() {
        FileExecutionStore store = new FileExecutionStore(dir);
        ExecutionRecord record = running("e1", "etl", 100)
                .finished(WorkflowStatus.FAILED, 250, Map.of(NodeStatus.FAILED, 1, NodeStatus.BLOCKED, 2),
                        Json.tree("{\"out\":[1,2]}"), "node 'load' failed");

        store.save(record);

        assertThat(new FileExecutionStore(dir).find("e1")).contains(record);
        assertThat(store.find("missing")).isEmpty();
    }

    @Test
    void savingAgainReplacesTheRecordAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        FileExecutionStore store = new FileExecutionStore(dir);
        ExecutionRecord started = running("e1", "etl", 100);
        store.save(started);
        ExecutionRecord finished = started.finished(WorkflowStatus.COMPLETED, 300, Map.of(NodeStatus.COMPLETED, 3),
                Json.object(), null);

        store.save(finished);

        assertThat(store.find("e1")).contains(finished);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("e1.json");
        }
    }

    @Test
    void aTemporaryFileLeftByACrashIsNeitherListedNorKept() throws IOException {
        FileExecutionStore store = new FileExecutionStore(dir);
        store.save(running("e1", "etl", 100));
        Path leftover = AtomicFiles.temporaryFor(dir.resolve("e2.json"));
        Files.writeString(leftover, "{\"execution_id\":\"e2\",\"workflow_na");

        FileExecutionStore restarted = new FileExecutionStore(dir);

        assertThat(restarted.query(ExecutionQuery.all())).extracting(ExecutionRecord::executionId).containsExactly("e1");
        assertThat(leftover).doesNotExist();
    }

    @Test
    void queriesFilterByNameAndStatusNewestFirstAndPage() {
        FileExecutionStore store = new FileExecutionStore(dir);
        for (int i = 1; i <= 7; i++) {
            ExecutionRecord record = running("etl-" + i, "etl", i * 100L);
            if (i % 2 == 0) {
                record = record.finished(WorkflowStatus.COMPLETED, i * 100L + 50, Map.of(), null, null);
            }
            store.save(record);
        }
        store.save(running("other-1", "report", 1_000));

        assertThat(store.query(ExecutionQuery.all().withName("etl")))
                .extracting(ExecutionRecord::executionId)
                .containsExactly("etl-7", "etl-6", "etl-5", "etl-4", "etl-3", "etl-2", "etl-1");
        assertThat(store.query(ExecutionQuery.all().withName("etl").withStatus(WorkflowStatus.COMPLETED)))
                .extracting(ExecutionRecord::executionId)
                .containsExactly("etl-6", "etl-4", "etl-2");
        assertThat(store.query(ExecutionQuery.all().page(2, 3)))
                .extracting(ExecutionRecord::executionId)
                .containsExactly("etl-6", "etl-5", "etl-4");
        assertThat(store.query(new ExecutionQuery(null, null, 250, 650, 0, 50)))
                .extracting(ExecutionRecord::executionId)
                .containsExactly("etl-6", "etl-5", "etl-4", "etl-3");
        assertThat(store.query(ExecutionQuery.all().page(100, 10))).isEmpty();
    }

    @Test
    void aQuerySeesRecordsChangedByAnotherStoreOnTheSameDirectory() {
        FileExecutionStore reader = new FileExecutionStore(dir);
        FileExecutionStore writer = new FileExecutionStore(dir);
        writer.save(running("e1", "etl", 100));
        assertThat(reader.query(ExecutionQuery.all().withStatus(WorkflowStatus.RUNNING))).hasSize(1);

        writer.save(running("e1", "etl", 100).finished(WorkflowStatus.FAILED, 200, Map.of(), null, "x failed"));
        writer.save(running("e2", "etl", 300));

        assertThat(reader.query(ExecutionQuery.all().withStatus(WorkflowStatus.FAILED)))
                .extracting(ExecutionRecord::error).containsExactly("x failed");
        assertThat(reader.query(ExecutionQuery.all())).extracting(ExecutionRecord::executionId)
                .containsExactly("e2", "e1");
    }

    @Test
    void aDamagedRecordFileIsReportedWithItsNameAndPosition() throws IOException {
        FileExecutionStore store = new FileExecutionStore(dir);
        Files.writeString(dir.resolve("bad.json"), "{\n  \"execution_id\": \"bad\",\n  \"status\": \"NOPE\"\n}");

        assertThatThrownBy(() -> store.query(ExecutionQuery.all()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("bad.json")
                .hasMessageContaining("line 3");
    }
}
