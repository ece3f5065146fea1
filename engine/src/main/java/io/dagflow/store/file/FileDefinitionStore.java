package io.dagflow.store.file;

import io.dagflow.store.DefinitionStore;
import io.dagflow.store.StoredDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Workflow definitions as files: {@code <dir>/<name>/<version>.json}. A version is a hash of the
 * text, so saving the same text again finds the existing file and keeps its first save time.
 */
public final class FileDefinitionStore implements DefinitionStore {

    private static final String EXTENSION = ".json";
    private static final Comparator<StoredDefinition> NEWEST_FIRST =
            Comparator.comparingLong(StoredDefinition::savedAt).reversed().thenComparing(StoredDefinition::version);

    private final Path directory;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public FileDefinitionStore(Path directory) {
        this.directory = directory;
        AtomicFiles.createDirectories(directory);
    }

    @Override
    public StoredDefinition save(String name, String source) {
        String version = DefinitionStore.versionOf(source);
        Path file = fileOf(name, version);
        synchronized (locks.computeIfAbsent(name, n -> new Object())) {
            Optional<StoredDefinition> existing = JsonFiles.read(file, StoredDefinition.class);
            if (existing.isPresent()) {
                return existing.get();
            }
            StoredDefinition stored = new StoredDefinition(name, version, source, System.currentTimeMillis());
            AtomicFiles.createDirectories(file.getParent());
            JsonFiles.writeAtomically(file, stored);
            return stored;
        }
    }

    @Override
    public Optional<StoredDefinition> get(String name, String version) {
        if (!version.matches("[0-9a-f]+")) {
            return Optional.empty();
        }
        return JsonFiles.read(fileOf(name, version), StoredDefinition.class);
    }

    @Override
    public Optional<StoredDefinition> latest(String name) {
        return versions(name).stream().findFirst();
    }

    @Override
    public List<StoredDefinition> versions(String name) {
        Path folder = directory.resolve(FileNames.encode("workflow name", name));
        List<StoredDefinition> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(EXTENSION) && !fileName.startsWith(".")) {
                    JsonFiles.read(file, StoredDefinition.class).ifPresent(versions::add);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder + ": " + e.getMessage(), e);
        }
        versions.sort(NEWEST_FIRST);
        return versions;
    }

    private Path fileOf(String name, String version) {
        return directory.resolve(FileNames.encode("workflow name", name)).resolve(version + EXTENSION);
    }
}
