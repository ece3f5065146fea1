package io.dagflow.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dagflow.model.WorkflowStatus;
import java.util.List;

/**
 * What happened in one execution, node by node and attempt by attempt, built from its events by
 * {@link TimelineBuilder}. Its JSON form ({@code Json.write(timeline)}) is what the HTML renderer
 * reads; see docs/timeline.md for the fields.
 *
 * @param formatVersion the version of the JSON form, raised when a field changes meaning
 * @param endedAt when the execution ended; null while it runs
 * @param observedAt the time the timeline shows a running execution up to (its end once it ended)
 * @param durationMs from start to end, or to {@code observedAt} while running
 * @param reason why the execution failed or was cancelled, when given
 * @param nodes every node of the definition, in the order they started (nodes that never started last)
 * @param criticalPath the chain of nodes that determined the duration, first to last
 * @param resumes each time an orchestrator took the execution over after the one running it stopped
 * @param cancelRequested when the execution was asked to stop (a cancel, or its deadline), or null
 * @param unservedQueues each queue its tasks waited on while no live worker served it
 */
public record Timeline(
        int formatVersion,
        String executionId,
        String workflowName,
        WorkflowStatus status,
        long startedAt,
        Long endedAt,
        long observedAt,
        long durationMs,
        String reason,
        String rerunOf,
        List<TimelineNode> nodes,
        List<String> criticalPath,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TimelineResume> resumes,
        @JsonInclude(JsonInclude.Include.NON_NULL) TimelineCancel cancelRequested,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TimelineUnservedQueue> unservedQueues) {

    public static final int FORMAT_VERSION = 1;

    public Timeline {
        nodes = List.copyOf(nodes);
        criticalPath = List.copyOf(criticalPath);
        resumes = resumes == null ? List.of() : List.copyOf(resumes);
        unservedQueues = unservedQueues == null ? List.of() : List.copyOf(unservedQueues);
    }

    public Timeline withNodes(List<TimelineNode> replaced) {
        return new Timeline(formatVersion, executionId, workflowName, status, startedAt, endedAt, observedAt,
                durationMs, reason, rerunOf, replaced, criticalPath, resumes, cancelRequested,
                unservedQueues);
    }
}
