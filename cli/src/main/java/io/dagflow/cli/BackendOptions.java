package io.dagflow.cli;

import io.dagflow.store.Stores;
import io.dagflow.store.file.FileStores;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where executions are kept: a store directory or a Redis server (one of the two is required). */
final class BackendOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--store", paramLabel = "DIR", required = true, description = "A directory written by 'run --store'.")
        Path store;
    }

    Stores openStores() {
        Path dir = choice.store;
        if (!Files.isDirectory(dir)) {
            throw new UserError("no store at " + dir + " (it is created by 'dagflow run --store " + dir + "')");
        }
        return FileStores.open(dir);
    }
}
