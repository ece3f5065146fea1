package io.dagflow.store.file;

import io.dagflow.store.ExecutionQuery;
import io.dagflow.store.ExecutionRecord;
import io.dagflow.store.ExecutionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Execution records as files: {@code <dir>/<execution>.json}, each replaced atomically.
 *
 * <p>Queries list the directory and read only files that changed since this store last read them,
 * so that records saved by other processes are seen without reading the whole history each time.
 */
public final class FileExecutionStore implements ExecutionStore {

    private static final String EXTENSION = ".json";
    private static final Comparator<ExecutionRecord> NEWEST_FIRST =
            Comparator.comparingLong(ExecutionRecord::startedAt).reversed().thenComparing(ExecutionRecord::executionId);

    /** A record as read, with what identified the file version it came from. */
    private record Cached(Object fileKey, long modified, long size, ExecutionRecord record) {
        boolean isCurrent(BasicFileAttributes attributes) {
            return Objects.equals(fileKey, attributes.fileKey())
                    && modified == attributes.lastModifiedTime().toMillis()
                    && size == attributes.size();
        }
    }

    private final Path directory;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    public FileExecutionStore(Path directory) {
        this.directory = directory;
        AtomicFiles.createDirectories(directory);
        AtomicFiles.removeLeftovers(directory);
    }

    @Override
    public void save(ExecutionRecord record) {
        Path file = fileOf(record.executionId());
        JsonFiles.writeAtomically(file, record);
        cache.remove(file);
    }

    @Override
    public Optional<ExecutionRecord> find(String executionId) {
        return JsonFiles.read(fileOf(executionId), ExecutionRecord.class);
    }

    @Override
    public List<ExecutionRecord> query(ExecutionQuery query) {
        List<ExecutionRecord> matching = new ArrayList<>();
        for (ExecutionRecord record : all()) {
            if (query.matches(record)) {
                matching.add(record);
            }
        }
        matching.sort(NEWEST_FIRST);
        int from = Math.min(query.offset(), matching.size());
        int to = Math.min(from + Math.max(0, query.limit()), matching.size());
        return List.copyOf(matching.subList(from, to));
    }

    private List<ExecutionRecord> all() {
        List<ExecutionRecord> records = new ArrayList<>();
        List<Path> present = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(FileExecutionStore::isRecordFile).forEach(present::add);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + directory + ": " + e.getMessage(), e);
        }
        for (Path file : present) {
            ExecutionRecord record = current(file);
            if (record != null) {
                records.add(record);
            }
        }
        cache.keySet().retainAll(present);
        return records;
    }

    /** The record in {@code file}, read again only when the file changed; null when it vanished. */
    private ExecutionRecord current(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        Cached cached = cache.get(file);
        if (cached != null && cached.isCurrent(attributes)) {
            return cached.record();
        }
        Optional<ExecutionRecord> record = JsonFiles.read(file, ExecutionRecord.class);
        record.ifPresent(r -> cache.put(file, new Cached(attributes.fileKey(),
                attributes.lastModifiedTime().toMillis(), attributes.size(), r)));
        return record.orElse(null);
    }

    private static boolean isRecordFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(EXTENSION) && !name.startsWith(".");
    }

    private Path fileOf(String executionId) {
        return directory.resolve(FileNames.encode("execution id", executionId) + EXTENSION);
    }
}
