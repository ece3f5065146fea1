package io.dagflow.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryTransportContractTest extends TransportContract {

    @Override
    protected Transport newTransport() {
        return new InMemoryTransport();
    }

    @Test
    void pollingTakesWaitingTasksInOrderUpToTheLimitAndNothingWhenNoneWait() {
        transport.sendTasks(List.of(task("n1", queue("q")), task("n2", queue("q")), task("n3", queue("q"))));

        List<Delivery<TaskMessage>> first = transport.pollTasks("worker", List.of(queue("q")), 2);
        List<Delivery<TaskMessage>> second = transport.pollTasks("worker", List.of(queue("q")), 2);
        List<Delivery<TaskMessage>> third = transport.pollTasks("worker", List.of(queue("q")), 2);

        assertThat(first).extracting(d -> d.message().nodeId()).containsExactly("n1", "n2");
        assertThat(second).extracting(d -> d.message().nodeId()).containsExactly("n3");
        assertThat(third).isEmpty();
    }
}
