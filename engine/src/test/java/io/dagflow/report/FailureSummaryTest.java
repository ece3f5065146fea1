package io.dagflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

class FailureSummaryTest {

    @Test
    void failedNodesComeWithTheirErrorAndBlockedNodesWithWhatBlockedThem() {
        String summary = FailureSummary.of(new Results()
                .completed("fetch").failed("deploy", 3, "HTTP 500 from https://example.test")
                .blocked("notify", "deploy").blocked("report", "deploy")
                .ended(WorkflowStatus.FAILED, "1 node(s) failed, 2 blocked"));

        assertThat(summary).isEqualTo("""
                Workflow 'deploy' FAILED after 2.5 s: 1 completed, 1 failed, 2 blocked (execution exec-1)
                  failed: 'deploy' (http, 3 attempts): HTTP 500 from https://example.test
                  blocked: 'notify' by 'deploy'
                  blocked: 'report' by 'deploy'""");
    }

    @Test
    void aCancelledExecutionGivesItsReasonAndTheNodesItStopped() {
        String summary = FailureSummary.of(new Results().completed("a").cancelled("wait")
                .ended(WorkflowStatus.CANCELLED, "build aborted by alice"));

        assertThat(summary).isEqualTo("""
                Workflow 'deploy' CANCELLED after 2.5 s: 1 completed, 1 cancelled (execution exec-1)
                  cancelled: build aborted by alice
                  cancelled: 'wait'""");
    }

    @Test
    void longListsAreCutSoThatTheFailureStaysVisible() {
        Results results = new Results().failed("root", 1, "boom");
        int blocked = FailureSummary.MAX_LINES_PER_STATUS + 5;
        for (int i = 0; i < blocked; i++) {
            results.blocked("n" + i, "root");
        }

        String summary = FailureSummary.of(results.ended(WorkflowStatus.FAILED, "failed"));

        assertThat(summary.lines()).hasSize(1 + 1 + FailureSummary.MAX_LINES_PER_STATUS + 1);
        assertThat(summary.lines().skip(1).findFirst()).hasValue("  failed: 'root' (http, 1 attempt): boom");
        assertThat(summary).endsWith("  ... and 5 more blocked node(s)");
    }
}
