package io.dagflow.handler.builtin;

import java.util.List;

/** Ends a process together with every process it started. */
final class ProcessTree {

    private ProcessTree() {
    }

    static void kill(Process process) {
        // Listed before the parent dies: orphans are re-parented and no longer found as descendants.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
