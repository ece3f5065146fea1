package io.dagflow.store.file;

import io.dagflow.store.Stores;
import java.nio.file.Path;

/**
 * Every store kept as files under one directory, for a single machine that must survive
 * restarts without Redis:
 * <pre>
 *   events/&lt;execution&gt;.jsonl          append-only event logs
 *   executions/&lt;execution&gt;.json       execution records
 *   results/&lt;execution&gt;/&lt;node&gt;.&lt;attempt&gt;.json
 *   definitions/&lt;name&gt;/&lt;version&gt;.json
 *   idempotency/&lt;key&gt;.json
 * </pre>
 * Ids are encoded into safe file names (see {@link FileNames}).
 */
public final class FileStores {

    private FileStores() {
    }

    /** Opens (creating when absent) the stores under {@code directory}. */
    public static Stores open(Path directory) {
        AtomicFiles.createDirectories(directory);
        return new Stores(
                new FileDefinitionStore(directory.resolve("definitions")),
                new FileExecutionStore(directory.resolve("executions")),
                new FileResultStore(directory.resolve("results")),
                new FileIdempotencyStore(directory.resolve("idempotency")),
                new FileEventStore(directory.resolve("events")));
    }
}
