package io.dagflow.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.store.ResultStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Node results as files: {@code <dir>/<execution>/<node>.<attempt>.json}, each written atomically,
 * so a reader never sees half a result.
 */
public final class FileResultStore implements ResultStore {

    private final Path directory;

    public FileResultStore(Path directory) {
        this.directory = directory;
        AtomicFiles.createDirectories(directory);
    }

    @Override
    public void put(String executionId, String nodeId, int attempt, JsonNode result) {
        if (result == null) {
            throw new IllegalArgumentException("the result of node '" + nodeId + "' attempt " + attempt
                    + " in execution " + executionId + " is null; store a JSON null node instead");
        }
        Path file = fileOf(executionId, nodeId, attempt);
        AtomicFiles.createDirectories(file.getParent());
        AtomicFiles.write(file, JsonFiles.bytes(result));
    }

    @Override
    public Optional<JsonNode> get(String executionId, String nodeId, int attempt) {
        return JsonFiles.read(fileOf(executionId, nodeId, attempt), JsonNode.class);
    }

    private Path fileOf(String executionId, String nodeId, int attempt) {
        return directory.resolve(FileNames.encode("execution id", executionId))
                .resolve(FileNames.encode("node id", nodeId) + "." + attempt + ".json");
    }
}
