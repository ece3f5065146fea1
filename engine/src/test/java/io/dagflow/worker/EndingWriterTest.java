package io.dagflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.json.Json;
import io.dagflow.transport.Delivery;
import io.dagflow.transport.ResultMessage;
import io.dagflow.transport.TaskMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Endings handed in while a write travels go together in the next write; a lone ending goes at once. */
@Timeout(30)
class EndingWriterTest {

    /** Records each batch it is given; the first write waits until released. */
    private static final class RecordingReporter implements AttemptReporter {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        private final boolean groups;

        RecordingReporter(boolean groups) {
            this.groups = groups;
        }

        @Override
        public boolean groupsWrites() {
            return groups;
        }

        /** The ending writer never claims; every claim is granted, as on a fresh backend. */
        @Override
        public List<Optional<ExecutionKey>> claimAll(List<Claim> claims) {
            return claims.stream().map(claim -> Optional.<ExecutionKey>empty()).toList();
        }

        @Override
        public void endAll(List<Ending> endings) {
            batches.add(endings.stream().map(ending -> ending.task().message().nodeId()).toList());
            if (batches.size() == 1) {
                firstWriteStarted.countDown();
                try {
                    releaseFirstWrite.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private final List<String> written = new CopyOnWriteArrayList<>();

    @Test
    void endingsHandedInDuringAWriteGoTogetherInTheNextOne() throws Exception {
        RecordingReporter reporter = new RecordingReporter(true);
        EndingWriter writer = writer(reporter);

        Thread first = new Thread(() -> writer.submit(ending("a")));
        first.start();
        assertThat(reporter.firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
        // These find the write of "a" in progress: they return at once, leaving their endings to it.
        writer.submit(ending("b"));
        writer.submit(ending("c"));
        assertThat(written).isEmpty();
        reporter.releaseFirstWrite.countDown();
        first.join(10_000);

        assertThat(reporter.batches).containsExactly(List.of("a"), List.of("b", "c"));
        assertThat(written).containsExactly("a", "b", "c");
    }

    @Test
    void withoutGroupedWritesEachThreadWritesItsOwnEndingAtOnce() throws Exception {
        RecordingReporter reporter = new RecordingReporter(false);
        EndingWriter writer = writer(reporter);

        Thread first = new Thread(() -> writer.submit(ending("a")));
        first.start();
        assertThat(reporter.firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
        writer.submit(ending("b"));
        List<List<String>> whileTheFirstWaits = new ArrayList<>(reporter.batches);
        reporter.releaseFirstWrite.countDown();
        first.join(10_000);

        assertThat(whileTheFirstWaits).containsExactly(List.of("a"), List.of("b"));
        assertThat(written).containsExactlyInAnyOrder("a", "b");
    }

    private EndingWriter writer(AttemptReporter reporter) {
        return new EndingWriter("worker", reporter, 64, delivery -> written.add(delivery.message().nodeId()),
                () -> false);
    }

    private static AttemptReporter.Ending ending(String nodeId) {
        TaskMessage task = new TaskMessage("exec", "wf", nodeId, 1, "noop", "default", Json.object(), Map.of(),
                Json.object(), "orchestrator", 0, 0);
        Delivery<TaskMessage> delivery = new Delivery<>(nodeId, "default", task, 1);
        return AttemptReporter.Ending.finished(delivery, null, ExecutionKey.succeeded(1),
                ResultMessage.succeeded(task, "worker", 1, 2, Json.object(), false));
    }
}
