package io.dagflow.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.model.Dag;
import io.dagflow.model.NodeStatus;
import io.dagflow.transport.TaskMessage;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Says at once, in the execution's history, when its tasks wait on a queue that no live worker
 * serves (QUEUE_UNSERVED), so that a run, the Jenkins console and the timeline show why nothing
 * happens. Once per queue and execution; the node's {@code queue_timeout_seconds} is what ends
 * the wait.
 */
final class UnservedQueues {

    /** Nodes named in the event; the rest are counted. */
    private static final int NAMED = 10;

    private final ExecutionState state;
    private final Dag dag;
    private final QueuePresence presence;
    private final Set<String> reported = new HashSet<>();

    UnservedQueues(ExecutionState state, QueuePresence presence) {
        this.state = state;
        this.dag = state.dag();
        this.presence = presence;
    }

    /** The queues of these just-sent tasks that no worker serves and that were not reported yet. */
    List<String> unservedAmong(List<TaskMessage> sent) {
        Set<String> queues = new LinkedHashSet<>();
        for (TaskMessage task : sent) {
            if (!reported.contains(task.queue())) {
                queues.add(task.queue());
            }
        }
        return queues.stream().filter(queue -> !presence.isServed(queue)).toList();
    }

    /** The event to record for a queue found unserved, or null when it was reported already. */
    ObjectNode report(String queue) {
        if (!reported.add(queue)) {
            return null;
        }
        ObjectNode details = WorkflowEvent.newDetails();
        details.put(EventFields.QUEUE, queue);
        ArrayNode waiting = details.putArray(EventFields.WAITING);
        int count = 0;
        for (int i = 0; i < dag.size(); i++) {
            NodeState node = state.node(i);
            if (node.status == NodeStatus.RUNNING && node.startedAt == 0 && queue.equals(dag.node(i).queue())) {
                if (count++ < NAMED) {
                    waiting.add(dag.node(i).id());
                }
            }
        }
        details.put(EventFields.WAITING_COUNT, count);
        return details;
    }
}
