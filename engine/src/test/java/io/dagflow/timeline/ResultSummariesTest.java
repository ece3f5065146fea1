package io.dagflow.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dagflow.json.Json;
import io.dagflow.store.memory.InMemoryResultStore;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResultSummariesTest {

    private static Map<String, TimelineNode> byId(Timeline timeline) {
        return timeline.nodes().stream().collect(Collectors.toMap(TimelineNode::id, Function.identity()));
    }

    @Test
    void completedNodesShowTheResultOfTheAttemptThatCounted() {
        InMemoryResultStore results = new InMemoryResultStore();
        results.put("exec-7f3c", "fetch_orders", 1, Json.tree("{\"late\":true}"));
        results.put("exec-7f3c", "fetch_orders", 2, Json.tree("{\"orders\":120}"));
        results.put("exec-7f3c", "score", 1, Json.tree("{\"never\":\"counted\"}"));
        Timeline timeline = TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout());

        Map<String, TimelineNode> nodes = byId(ResultSummaries.attach(timeline, results));

        assertThat(nodes.get("fetch_orders").resultSummary()).isEqualTo("{\"orders\":120}");
        assertThat(nodes.get("score").resultSummary()).isNull();
        assertThat(nodes.get("audit").resultSummary()).isNull();
    }

    @Test
    void reusedNodesShowTheResultFromTheExecutionTheyReused() {
        InMemoryResultStore results = new InMemoryResultStore();
        results.put("exec-7f3c", "join", 2, Json.tree("[1,2,3]"));
        Timeline timeline = TimelineBuilder.from(SampleExecutions.runningRerun());

        assertThat(byId(ResultSummaries.attach(timeline, results)).get("join").resultSummary()).isEqualTo("[1,2,3]");
    }

    @Test
    void longResultsAreCutAndSayHowLongTheyWere() {
        InMemoryResultStore results = new InMemoryResultStore();
        results.put("exec-7f3c", "fetch_customers", 1, Json.toTree(Map.of("text", "y".repeat(1_000))));
        Timeline timeline = TimelineBuilder.from(SampleExecutions.failedWithRetriesAndTimeout());

        String summary = byId(ResultSummaries.attach(timeline, results, 50)).get("fetch_customers").resultSummary();

        assertThat(summary).startsWith("{\"text\":\"yyy").endsWith(" ... (1011 characters)");
        assertThat(summary).hasSize(50 + " ... (1011 characters)".length());
    }
}
