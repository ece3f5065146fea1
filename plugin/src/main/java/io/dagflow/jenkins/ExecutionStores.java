package io.dagflow.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.dagflow.ci.RunMode;
import io.dagflow.store.Stores;

/** Where the executions a build ran are kept, for reading them back. */
final class ExecutionStores {

    private ExecutionStores() {
    }

    /** Embedded executions are read from the build's own directory only: never another build's. */
    static Stores of(Run<?, ?> run, RunMode mode) throws AbortException {
        return mode == RunMode.REDIS ? RedisEngines.get().stores() : BuildStores.open(run);
    }
}
