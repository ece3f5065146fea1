package io.dagflow.run;

import io.dagflow.store.Stores;
import io.dagflow.transport.TaskMessage;
import io.dagflow.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link OrchestratorWrites} as three calls: the events appended, the dispatch keys taken in one
 * call, then the tasks sent and the results acknowledged together.
 */
final class SeparateCallsOrchestratorWrites implements OrchestratorWrites {

    private final Transport transport;
    private final Stores stores;

    SeparateCallsOrchestratorWrites(Transport transport, Stores stores) {
        this.transport = transport;
        this.stores = stores;
    }

    @Override
    public List<TaskMessage> write(Batch batch, String owner) {
        if (!batch.events().isEmpty()) {
            stores.events().append(batch.events());
        }
        List<TaskMessage> tasks = new ArrayList<>(batch.resends());
        List<TaskMessage> notSent = new ArrayList<>();
        if (!batch.dispatches().isEmpty()) {
            List<String> keys = batch.dispatches().stream().map(OrchestratorWrites::dispatchKey).toList();
            Set<String> held = stores.idempotency().claim(keys, owner, DISPATCH_KEY_TTL);
            for (int i = 0; i < keys.size(); i++) {
                (held.contains(keys.get(i)) ? tasks : notSent).add(batch.dispatches().get(i));
            }
        }
        if (!tasks.isEmpty() || !batch.acks().isEmpty()) {
            transport.sendTasksAndAckResults(tasks, batch.acks());
        }
        return notSent;
    }
}
