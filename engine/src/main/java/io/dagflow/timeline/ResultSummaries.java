package io.dagflow.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import io.dagflow.model.NodeStatus;
import io.dagflow.store.ResultStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds the start of each completed node's result to a timeline, so that its details show what the
 * node produced without making the page as large as every result.
 */
public final class ResultSummaries {

    public static final int DEFAULT_MAX_CHARS = 400;

    private ResultSummaries() {
    }

    public static Timeline attach(Timeline timeline, ResultStore results) {
        return attach(timeline, results, DEFAULT_MAX_CHARS);
    }

    /** A copy of {@code timeline} whose completed nodes carry at most {@code maxChars} of their result as JSON. */
    public static Timeline attach(Timeline timeline, ResultStore results, int maxChars) {
        List<TimelineNode> nodes = new ArrayList<>(timeline.nodes().size());
        for (TimelineNode node : timeline.nodes()) {
            Optional<JsonNode> result = node.status() == NodeStatus.COMPLETED
                    ? resultOf(timeline.executionId(), node, results) : Optional.empty();
            nodes.add(result.map(r -> node.withResultSummary(abbreviate(Json.write(r), maxChars))).orElse(node));
        }
        return timeline.withNodes(nodes);
    }

    private static Optional<JsonNode> resultOf(String executionId, TimelineNode node, ResultStore results) {
        if (node.reused()) {
            if (node.reusedFrom() == null || node.reusedFromAttempt() == null) {
                return Optional.empty();
            }
            Optional<JsonNode> copy = results.get(executionId, node.id(), node.reusedFromAttempt());
            return copy.isPresent() ? copy : results.get(node.reusedFrom(), node.id(), node.reusedFromAttempt());
        }
        for (int i = node.attempts().size() - 1; i >= 0; i--) {
            TimelineAttempt attempt = node.attempts().get(i);
            if (attempt.outcome() == AttemptOutcome.COMPLETED) {
                return results.get(executionId, node.id(), attempt.attempt());
            }
        }
        return Optional.empty();
    }

    static String abbreviate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, Math.max(0, maxChars)) + " ... (" + text.length() + " characters)";
    }
}
