package io.dagflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HistoryCommandTest {

    @TempDir
    Path store;

    private String run(String example) {
        CommandOutput run = CommandOutput.run("run", RunCommandTest.example(example).toString(),
                "--store", store.toString(), "--json");
        return run.json().path("execution_id").asText();
    }

    @Test
    void listsStoredExecutionsNewestFirstAndFiltersByStatusAndName() {
        String linear = run("linear.json");
        String failure = run("failure.json");

        JsonNode all = CommandOutput.run("history", "--store", store.toString(), "--json").json();
        JsonNode failed = CommandOutput.run("history", "--store", store.toString(), "--status", "FAILED", "--json").json();
        JsonNode byName = CommandOutput.run("history", "--store", store.toString(), "--name", "linear", "--json").json();

        assertThat(all).extracting(e -> e.path("execution_id").asText()).containsExactly(failure, linear);
        assertThat(failed).extracting(e -> e.path("execution_id").asText()).containsExactly(failure);
        assertThat(byName).extracting(e -> e.path("execution_id").asText()).containsExactly(linear);
        assertThat(failed.get(0).path("node_counts").path("BLOCKED").asInt()).isEqualTo(2);
    }

    @Test
    void givenExecutionsThatEndedDifferentlyWhenFilteredByAStatusInAnyCaseThenOnlyThatStatusIsListed() {
        run("linear.json");
        String failure = run("failure.json");

        CommandOutput lower = CommandOutput.run("history", "--store", store.toString(), "--status", "failed", "--json");
        CommandOutput mixed = CommandOutput.run("history", "--store", store.toString(), "--status", "Failed", "--json");

        assertThat(lower.exitCode()).as(lower.err()).isZero();
        assertThat(lower.json()).extracting(e -> e.path("execution_id").asText()).containsExactly(failure);
        assertThat(mixed.json()).extracting(e -> e.path("execution_id").asText()).containsExactly(failure);
    }

    @Test
    void tableShowsStatusAndNodeCountsAndPagingSkipsTheNewest() {
        run("linear.json");
        String newest = run("failure.json");

        CommandOutput table = CommandOutput.run("history", "--store", store.toString());
        CommandOutput secondPage = CommandOutput.run("history", "--store", store.toString(), "--offset", "1");

        assertThat(table.out()).contains("EXECUTION").contains("failure").contains("FAILED")
                .contains("2 completed, 1 failed, 2 blocked");
        assertThat(secondPage.out()).doesNotContain(newest).contains("linear");
    }

    @Test
    void showRebuildsAnExecutionFromItsEvents() {
        String id = run("failure.json");

        JsonNode shown = CommandOutput.run("show", id, "--store", store.toString(), "--json").json();

        assertThat(shown.path("status").asText()).isEqualTo("FAILED");
        assertThat(shown.path("nodes").path("charge").path("attempts").asInt()).isEqualTo(2);
        assertThat(shown.path("nodes").path("notify").path("blocked_by").asText()).isEqualTo("charge");
        assertThat(shown.path("nodes").path("audit").path("result").path("logged").asBoolean()).isTrue();
    }

    @Test
    void unknownExecutionAndMissingStoreAreUsageErrors() {
        assertThat(CommandOutput.run("show", "nope", "--store", store.toString()).err())
                .contains("no execution nope");
        CommandOutput missing = CommandOutput.run("history", "--store", store.resolve("absent").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no store at");
    }
}
