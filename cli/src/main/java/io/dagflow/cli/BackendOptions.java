package io.dagflow.cli;

import io.dagflow.store.Stores;
import io.dagflow.store.file.FileStores;
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
        if (!Files.isDirectory(store)) {
            throw new UserError("no store at " + store + " (it is created by 'dagflow run --store " + store + "')");
        }
        return Backend.local(FileStores.open(store));
    }

    /** The backend of a new execution: Redis, a store directory (created when missing), or memory. */
    Backend openForRun() {
        checkNotBoth();
        if (redis.given()) {
            return Backend.redis(redis.connect());
        }
        return Backend.local(store == null ? Stores.inMemory() : FileStores.open(store));
    }

    private void checkNotBoth() {
        if (store != null && redis.given()) {
            throw new UserError("give either --store DIR or --redis URL, not both");
        }
    }
}
