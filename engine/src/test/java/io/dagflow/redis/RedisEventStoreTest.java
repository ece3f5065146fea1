package io.dagflow.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Redis event store checks beyond the shared contract. */
class RedisEventStoreTest {

    private RedisBackend backend;
    private RedisEventStore store;

    @BeforeEach
    void connect() {
        backend = RedisBackend.connect(RedisServerProcess.shared().config("events-" + UUID.randomUUID()));
        store = (RedisEventStore) backend.stores().events();
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void aBatchThatDoesNotFollowTheLogIsRefusedWhole() {
        store.append(List.of(event("e1", 1), event("e1", 2), event("e1", 3)));
        WorkflowEvent anotherThirdEvent = new WorkflowEvent("e1", 3, EventType.NODE_FAILED, "n", 1, 3, "w", null);

        assertThatThrownBy(() -> store.append(List.of(anotherThirdEvent, event("e1", 4))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("execution e1")
                .hasMessageContaining("from sequence 3")
                .hasMessageContaining("last event 3");
        assertThat(store.read("e1")).extracting(WorkflowEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aBatchRetriedAfterItsReplyWasLostIsAppendedOnce() {
        List<WorkflowEvent> batch = List.of(event("e3", 1), event("e3", 2));
        store.append(batch);

        store.append(List.of(event("e3", 2), event("e3", 3)));
        store.append(batch);

        assertThat(store.read("e3")).extracting(WorkflowEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void sequencesMustStartAtOneAndGrowWithinABatch() {
        assertThatThrownBy(() -> store.append(List.of(event("e2", 0))))
                .hasMessageContaining("sequence 0; sequences start at 1");
        assertThatThrownBy(() -> store.append(List.of(event("e2", 2), event("e2", 2))))
                .hasMessageContaining("not after the batch's previous event 2");
        assertThat(store.read("e2")).isEmpty();
    }

    @Test
    void eventsOfAnExecutionLiveUnderItsHashTag() {
        store.append(List.of(event("e3", 1)));

        String key = backend.keys().events("e3");
        assertThat(key).contains("{e3}");
        long length = backend.commands().call("length", jedis -> jedis.xlen(key));
        assertThat(length).isEqualTo(1L);
    }

    private static WorkflowEvent event(String execution, long sequence) {
        return new WorkflowEvent(execution, sequence, EventType.NODE_STARTED, "n", 1, sequence, "w", null);
    }
}
