package io.dagflow.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dagflow.event.EventType;
import io.dagflow.event.WorkflowEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventStoreTest {

    @TempDir
    Path dir;

    private static WorkflowEvent event(String execution, long sequence, EventType type, String node) {
        var details = WorkflowEvent.newDetails();
        if (type == EventType.NODE_FAILED) {
            details.put("error", "boom\nwith a second line");
        }
        return new WorkflowEvent(execution, sequence, type, node, node == null ? 0 : 1, 1_000 + sequence, "w-1", details);
    }

    private static List<WorkflowEvent> firstEvents(String execution) {
        return List.of(
                event(execution, 1, EventType.WORKFLOW_STARTED, null),
                event(execution, 2, EventType.NODE_DISPATCHED, "a"),
                event(execution, 3, EventType.NODE_FAILED, "a"));
    }

    @Test
    void eventsReadBackExactlyAsAppendedInOrder() {
        FileEventStore store = new FileEventStore(dir);
        store.append(firstEvents("e1"));
        store.append(List.of(event("e1", 4, EventType.WORKFLOW_FAILED, null)));

        List<WorkflowEvent> read = store.read("e1");

        List<WorkflowEvent> expected = new ArrayList<>(firstEvents("e1"));
        expected.add(event("e1", 4, EventType.WORKFLOW_FAILED, null));
        assertThat(read).isEqualTo(expected);
        assertThat(store.read("e1", 2)).extracting(WorkflowEvent::sequence).containsExactly(3L, 4L);
    }

    @Test
    void anUnknownExecutionHasNoEvents() {
        assertThat(new FileEventStore(dir).read("nobody")).isEmpty();
    }

    @Test
    void aTruncatedLastLineIsIgnoredAndEveryEventBeforeItIsKept() throws IOException {
        FileEventStore store = new FileEventStore(dir);
        store.append(firstEvents("e1"));
        Path log = store.fileOf("e1");
        Files.writeString(log, "{\"execution_id\":\"e1\",\"sequence\":4,\"ty", StandardOpenOption.APPEND);

        FileEventStore reopened = new FileEventStore(dir);
        EventLogScan scan = reopened.scan("e1");

        assertThat(scan.events()).isEqualTo(firstEvents("e1"));
        assertThat(scan.hasDamagedTail()).isTrue();
        assertThat(scan.ignoredFromLine()).isEqualTo(4);
        assertThat(scan.ignoredBytes()).isEqualTo(Files.size(log) - scan.intactBytes());
    }

    @Test
    void randomBytesAtTheEndAreIgnoredAndCutBeforeTheNextAppend() throws IOException {
        FileEventStore store = new FileEventStore(dir);
        store.append(firstEvents("e1"));
        Path log = store.fileOf("e1");
        long intactLength = Files.size(log);
        byte[] garbage = new byte[300];
        new Random(42).nextBytes(garbage);
        garbage[100] = '\n';
        Files.write(log, garbage, StandardOpenOption.APPEND);

        FileEventStore restarted = new FileEventStore(dir);
        assertThat(restarted.read("e1")).isEqualTo(firstEvents("e1"));
        restarted.append(List.of(event("e1", 4, EventType.WORKFLOW_FAILED, null)));

        assertThat(new FileEventStore(dir).read("e1")).extracting(WorkflowEvent::sequence)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(new FileEventStore(dir).scan("e1").hasDamagedTail()).isFalse();
        assertThat(Files.size(log)).isGreaterThan(intactLength);
    }

    @Test
    void aZeroFilledTailFromAnExtendedButUnwrittenFileIsIgnored() throws IOException {
        FileEventStore store = new FileEventStore(dir);
        store.append(firstEvents("e1"));
        Files.write(store.fileOf("e1"), new byte[4096], StandardOpenOption.APPEND);

        assertThat(new FileEventStore(dir).read("e1")).isEqualTo(firstEvents("e1"));
    }

    @Test
    void aDamagedLineFollowedByIntactEventsIsReportedAsCorruptionWithItsLine() throws IOException {
        FileEventStore store = new FileEventStore(dir);
        store.append(firstEvents("e1"));
        Path log = store.fileOf("e1");
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.set(1, "not an event");
        Files.write(log, lines, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new FileEventStore(dir).read("e1"))
                .isInstanceOf(CorruptEventLogException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining(log.getFileName().toString());
    }

    @Test
    void executionsWithUnusualIdsGetTheirOwnLogs() {
        FileEventStore store = new FileEventStore(dir);
        store.append(firstEvents("../escape"));
        store.append(firstEvents("a/b"));

        assertThat(store.read("../escape")).isEqualTo(firstEvents("../escape"));
        assertThat(store.read("a/b")).isEqualTo(firstEvents("a/b"));
        assertThat(store.fileOf("../escape").getParent()).isEqualTo(dir);
    }

    @Test
    void concurrentAppendersToManyExecutionsLoseNothing() throws Exception {
        FileEventStore store = new FileEventStore(dir);
        int executions = 8;
        int batches = 25;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int e = 0; e < executions; e++) {
                String id = "exec-" + (e % 4);
                int lane = e / 4;
                done.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        store.append(List.of(event(id, lane * 1000L + b * 2L + 1, EventType.NODE_DISPATCHED, "n"),
                                event(id, lane * 1000L + b * 2L + 2, EventType.NODE_COMPLETED, "n")));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        for (int e = 0; e < 4; e++) {
            EventLogScan scan = new FileEventStore(dir).scan("exec-" + e);
            assertThat(scan.hasDamagedTail()).isFalse();
            assertThat(scan.events()).hasSize(2 * batches * 2);
        }
    }

    @Test
    void twoStoresOnOneDirectoryAppendingToDifferentExecutionsSeeEachOthersLogs() {
        FileEventStore first = new FileEventStore(dir);
        FileEventStore second = new FileEventStore(dir);

        first.append(firstEvents("e1"));
        second.append(firstEvents("e2"));

        assertThat(second.read("e1")).isEqualTo(firstEvents("e1"));
        assertThat(first.read("e2")).isEqualTo(firstEvents("e2"));
    }
}
