package io.dagflow.cli;

import io.dagflow.run.ExecutionHandle;
import io.dagflow.run.ExecutionListener;
import io.dagflow.run.WorkflowEngine;

/** Starts, reruns or resumes one execution on an engine, telling {@code progress} of its events. */
@FunctionalInterface
interface ExecutionStarter {

    ExecutionHandle start(WorkflowEngine engine, ExecutionListener progress);
}
