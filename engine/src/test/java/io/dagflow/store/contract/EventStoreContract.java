package io.dagflow.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.event.EventStore;
import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventStore} must do. An implementation's test extends this class and says
 * how to make an empty store.
 */
public abstract class EventStoreContract {

    protected EventStore store;

    /** A store that holds no events (a fresh one, or one whose executions no other test uses). */
    protected abstract EventStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void anUnknownExecutionHasNoEvents() {
        assertThat(store.read("never-started")).isEmpty();
        assertThat(store.read("never-started", 5)).isEmpty();
    }

    @Test
    void eventsComeBackInSequenceOrderWithEveryField() {
        String execution = newExecutionId();
        ObjectNode details = WorkflowEvent.newDetails();
        details.put("error", "boom");
        details.putObject("nested").put("n", 3);
        WorkflowEvent started = new WorkflowEvent(execution, 1, EventType.WORKFLOW_STARTED, null, 0, 1000, null, null);
        WorkflowEvent dispatched = new WorkflowEvent(execution, 2, EventType.NODE_DISPATCHED, "fetch", 1, 1001, null,
                null);
        WorkflowEvent failed = new WorkflowEvent(execution, 3, EventType.NODE_FAILED, "fetch", 1, 1002, "worker-7",
                details);

        store.append(List.of(started, dispatched, failed));

        assertThat(store.read(execution)).containsExactly(started, dispatched, failed);
        assertThat(store.read(execution).get(2).detail("error")).isEqualTo("boom");
    }

    @Test
    void readingAfterASequenceReturnsOnlyLaterEvents() {
        String execution = newExecutionId();
        store.append(events(execution, 1, 5));

        assertThat(store.read(execution, 3)).extracting(WorkflowEvent::sequence).containsExactly(4L, 5L);
        assertThat(store.read(execution, 5)).isEmpty();
        assertThat(store.read(execution, 0)).hasSize(5);
    }

    @Test
    void successiveBatchesFormOneLog() {
        String execution = newExecutionId();

        store.append(events(execution, 1, 2));
        store.append(events(execution, 3, 3));
        store.append(events(execution, 4, 6));

        assertThat(store.read(execution)).extracting(WorkflowEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aBatchSpanningTwoExecutionsKeepsTheirLogsApart() {
        String first = newExecutionId();
        String second = newExecutionId();
        List<WorkflowEvent> batch = new ArrayList<>();
        batch.addAll(events(first, 1, 2));
        batch.addAll(events(second, 1, 3));

        store.append(batch);

        assertThat(store.read(first)).hasSize(2).allMatch(e -> e.executionId().equals(first));
        assertThat(store.read(second)).hasSize(3).allMatch(e -> e.executionId().equals(second));
    }

    @Test
    void aLongLogIsReadWholeAndFromTheMiddle() {
        String execution = newExecutionId();
        store.append(events(execution, 1, 2500));

        assertThat(store.read(execution)).hasSize(2500)
                .extracting(WorkflowEvent::sequence).isSorted();
        assertThat(store.read(execution, 1999)).hasSize(501).first()
                .extracting(WorkflowEvent::sequence).isEqualTo(2000L);
    }

    @Test
    void appendingNothingChangesNothing() {
        String execution = newExecutionId();

        store.append(List.of());

        assertThat(store.read(execution)).isEmpty();
    }

    protected static String newExecutionId() {
        return "exec-" + UUID.randomUUID();
    }

    protected static List<WorkflowEvent> events(String execution, long from, long to) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(sequence -> new WorkflowEvent(execution, sequence, EventType.NODE_STARTED, "node-" + sequence,
                        1, 1_000 + sequence, "worker", null))
                .toList();
    }
}
