package io.dagflow.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.store.ExecutionQuery;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.store.StoredDefinition;
import io.dagflow.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoresTest {

    @TempDir
    Path dir;

    @Test
    void everythingWrittenBeforeARestartIsThereAfterIt() {
        Stores before = FileStores.open(dir.resolve("state"));
        StoredDefinition definition = before.definitions().save("etl", "{\"name\":\"etl\"}");
        ExecutionRecord record = new ExecutionRecord("e1", "etl", definition.version(), WorkflowStatus.RUNNING,
                10, 0, Json.object(), null, "o-1", Map.of(), null, null);
        before.executions().save(record);
        before.results().put("e1", "a", 1, Json.tree("{\"n\":1}"));
        before.idempotency().putIfAbsent("dispatch:e1:a:1", "o-1", Duration.ofHours(1));
        WorkflowEvent started = new WorkflowEvent("e1", 1, EventType.WORKFLOW_STARTED, null, 0, 10, null, null);
        before.events().append(List.of(started));

        Stores after = FileStores.open(dir.resolve("state"));

        assertThat(after.definitions().latest("etl")).contains(definition);
        assertThat(after.executions().query(ExecutionQuery.all())).containsExactly(record);
        assertThat(after.results().get("e1", "a", 1)).contains(Json.tree("{\"n\":1}"));
        assertThat(after.idempotency().putIfAbsent("dispatch:e1:a:1", "o-2", Duration.ofHours(1))).isFalse();
        assertThat(after.events().read("e1")).containsExactly(started);
    }
}
