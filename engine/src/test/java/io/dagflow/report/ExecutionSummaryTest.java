package io.dagflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.model.WorkflowStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionSummaryTest {

    private static String rowOf(String table, String nodeId) {
        return table.lines().filter(line -> line.startsWith(nodeId + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + nodeId + " in\n" + table));
    }

    @Test
    void givenANodeThatWaitedForWorkersWhenTabledThenDurationIsItsRunTimeAndTheWaitHasItsOwnColumn() {
        String table = ExecutionSummary.table(new Results()
                .completed("build", 2, 3_500, 1_500).reused("fetch", "exec-0").blocked("ship", "test")
                .failed("test", 1, "boom")
                .ended(WorkflowStatus.FAILED, "1 node(s) failed"));

        List<String> header = List.of(table.lines().findFirst().orElseThrow().trim().split("\\s+"));
        assertThat(header).containsExactly("NODE", "STATUS", "ATTEMPTS", "DURATION", "QUEUED");
        assertThat(rowOf(table, "build")).matches("build +COMPLETED +2 +3\\.5 s +1\\.5 s *");
        assertThat(rowOf(table, "fetch")).matches("fetch +COMPLETED +reused +- +- +from exec-0");
        assertThat(rowOf(table, "ship")).matches("ship +BLOCKED +0 +- +- +blocked by test");
        assertThat(rowOf(table, "test")).matches("test +FAILED +1 +10 ms +0 ms +boom");
    }
}
