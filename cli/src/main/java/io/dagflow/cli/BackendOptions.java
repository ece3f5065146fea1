package io.dagflow.cli;

import io.dagflow.json.TextFile;
import io.dagflow.report.Printable;
import io.dagflow.store.Stores;
import io.dagflow.store.file.FileStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where executions are kept: a store directory ({@code --store}) or a Redis server ({@code --redis}). */
final class BackendOptions {

    @Option(names = "--store", paramLabel = "DIR", description = "A directory that keeps executions ('run --store' creates it).")
    Path store;

    @Mixin
    RedisOptions redis = new RedisOptions();

    /** The backend of a command that reads or continues executions: one of the two is required. */
    Backend open() {
        checkNotBoth();
        if (redis.given()) {
            return Backend.redis(redis.connect());
        }
        if (store == null) {
            throw new UserError("say where executions are kept: --store DIR or --redis URL");
        }
        refuseAFileInTheWay();
        if (!Files.isDirectory(store)) {
            throw new UserError("no store at " + shown() + " (it is created by 'dagflow run --store " + shown() + "')");
        }
        return Backend.local(FileStores.open(store));
    }

    /** The backend of a new execution: Redis, a store directory (created when missing), or memory. */
    Backend openForRun() {
        checkNotBoth();
        if (redis.given()) {
            return Backend.redis(redis.connect());
        }
        if (store == null) {
            return Backend.local(Stores.inMemory());
        }
        refuseAFileInTheWay();
        try {
            Files.createDirectories(store);
        } catch (IOException e) {
            throw new UserError("cannot create the store directory " + shown() + ": " + TextFile.reason(e));
        }
        return Backend.local(FileStores.open(store));
    }

    /** A store is a directory: a file of that name is a slip that no command could act on. */
    private void refuseAFileInTheWay() {
        if (Files.exists(store) && !Files.isDirectory(store)) {
            throw new UserError("--store " + shown() + " is a file, not a store directory");
        }
    }

    private String shown() {
        return Printable.inline(store.toString());
    }

    private void checkNotBoth() {
        if (store != null && redis.given()) {
            throw new UserError("give either --store DIR or --redis URL, not both");
        }
    }
}
