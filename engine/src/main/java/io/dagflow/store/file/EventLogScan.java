package io.dagflow.store.file;

import io.dagflow.event.WorkflowEvent;
import java.nio.file.Path;
import java.util.List;

/**
 * What reading one execution's event log found.
 *
 * @param events every intact event, in the order appended
 * @param intactBytes the length of the log up to and including the last intact line
 * @param ignoredBytes bytes after the intact part: the remains of a write that a crash cut short
 *     (it never returned, so no caller was told those events were stored)
 * @param ignoredFromLine the 1-based line where the ignored tail starts, or 0 when nothing was ignored
 */
public record EventLogScan(Path file, List<WorkflowEvent> events, long intactBytes, long ignoredBytes, int ignoredFromLine) {

    public EventLogScan {
        events = List.copyOf(events);
    }

    public boolean hasDamagedTail() {
        return ignoredBytes > 0;
    }
}
