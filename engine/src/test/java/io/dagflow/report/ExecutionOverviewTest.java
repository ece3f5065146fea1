package io.dagflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.model.WorkflowStatus;
import io.dagflow.store.ExecutionRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionOverviewTest {

    @Test
    void theHeadlineGivesStatusDurationAndCountsInLifecycleOrder() {
        ExecutionOverview summary = ExecutionOverview.of(new Results()
                .blocked("d", "c").completed("a").completed("b").failed("c", 3, "boom")
                .ended(WorkflowStatus.FAILED, "1 node(s) failed"));

        assertThat(summary.headline()).isEqualTo("Workflow 'deploy' FAILED after 2.5 s: 2 completed, 1 failed, 1 blocked");
        assertThat(summary.totalNodes()).isEqualTo(4);
        assertThat(summary.count(NodeStatus.CANCELLED)).isZero();
    }

    @Test
    void aRunningExecutionFromTheHistoryCountsItsDurationUntilNow() {
        ExecutionRecord running = new ExecutionRecord("exec-1", "deploy", "v1", WorkflowStatus.RUNNING, 1_000, 0,
                Json.object(), null, "embedded", Map.of(), null, null);

        ExecutionOverview summary = ExecutionOverview.of(running, 61_000);

        assertThat(summary.headline()).isEqualTo("Workflow 'deploy' RUNNING for 1m 00s: no nodes");
    }

    @Test
    void aFinishedExecutionFromTheHistoryKeepsItsCountsAndError() {
        ExecutionRecord failed = new ExecutionRecord("exec-1", "deploy", "v1", WorkflowStatus.FAILED, 1_000, 2_000,
                Json.object(), null, "embedded", Map.of(NodeStatus.FAILED, 1, NodeStatus.COMPLETED, 2), null,
                "1 node(s) failed");

        ExecutionOverview summary = ExecutionOverview.of(failed, 99_000);

        assertThat(summary.countsText()).isEqualTo("2 completed, 1 failed");
        assertThat(summary.durationText()).isEqualTo("1.0 s");
        assertThat(summary.error()).isEqualTo("1 node(s) failed");
    }
}
