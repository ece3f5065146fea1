package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TimelineCommandTest {

    @TempDir
    Path store;

    @Test
    void givenAStoredExecutionWhenTheTimelineCommandRunsInItsOwnProcessThenItPrintsTheTextView() throws Exception {
        String id = CommandOutput.run("run", RunCommandTest.example("linear.json").toString(),
                "--store", store.toString(), "--json").json().path("execution_id").asText();

        // Its own JVM, as an operator runs it: what the process leaves unflushed at exit is lost there.
        try (DagflowProcess timeline = DagflowProcess.start("timeline", "timeline", id, "--store", store.toString())) {
            int exitCode = timeline.awaitExit();

            assertThat(exitCode).as(timeline.transcript()).isZero();
            assertThat(timeline.output()).contains("execution " + id).contains("critical path:").contains("legend:");
        }
    }
}
