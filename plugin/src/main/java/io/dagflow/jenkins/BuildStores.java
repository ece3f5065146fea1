package io.dagflow.jenkins;

import hudson.model.Run;
import io.dagflow.store.Stores;
import io.dagflow.store.file.FileStores;
import io.dagflow.store.memory.InMemoryIdempotencyStore;
import java.nio.file.Path;

/**
 * Where embedded executions of a build are kept: under the build's own directory, so that they
 * survive restarts, are deleted with the build, and cannot be reached from another job's build.
 */
final class BuildStores {

    private BuildStores() {
    }

    static Path directory(Run<?, ?> run) {
        return run.getRootDir().toPath().resolve("dagflow");
    }

    /** For reading executions back. */
    static Stores open(Run<?, ?> run) {
        return FileStores.open(directory(run));
    }

    /**
     * For an engine to run on. Idempotency keys are kept in memory: they only guard against
     * duplicates within one engine, and after a controller restart the attempts that were running
     * died with it, so their keys must not make the resumed execution skip them.
     */
    static Stores forEngine(Run<?, ?> run) {
        Stores files = open(run);
        return new Stores(files.definitions(), files.executions(), files.results(), new InMemoryIdempotencyStore(),
                files.events());
    }
}
