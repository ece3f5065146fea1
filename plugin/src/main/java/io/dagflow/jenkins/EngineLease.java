package io.dagflow.jenkins;

import io.dagflow.run.WorkflowEngine;
import java.util.Set;

/** An engine that runs one workflow call; closed once the call is over. */
interface EngineLease extends AutoCloseable {

    WorkflowEngine engine();

    /** The node types that can run, or null when only remote workers know them. */
    Set<String> knownHandlers();

    @Override
    void close();
}
