package io.dagflow.store.memory;

import io.dagflow.event.EventStore;
import io.dagflow.event.WorkflowEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryEventStore implements EventStore {

    private final Map<String, List<WorkflowEvent>> byExecution = new ConcurrentHashMap<>();

    @Override
    public void append(List<WorkflowEvent> events) {
        for (WorkflowEvent event : events) {
            List<WorkflowEvent> log = byExecution.computeIfAbsent(event.executionId(), id -> new ArrayList<>());
            synchronized (log) {
                log.add(event);
            }
        }
    }

    @Override
    public List<WorkflowEvent> read(String executionId, long afterSequence) {
        List<WorkflowEvent> log = byExecution.get(executionId);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            List<WorkflowEvent> page = new ArrayList<>();
            for (WorkflowEvent event : log) {
                if (event.sequence() > afterSequence) {
                    page.add(event);
                }
            }
            return page;
        }
    }
}
