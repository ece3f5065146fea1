package io.dagflow.store.file;

import io.dagflow.event.EventStore;
import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event logs as files: {@code <dir>/<execution>.jsonl}, one JSON event per line.
 *
 * <p>Each {@link #append} writes its batch with one write and forces it to disk before
 * returning. Before the first append to a log in this process the log is scanned and a tail left
 * by a crashed write is cut off, so that new events never follow a broken line. One process
 * appends to a given execution (its orchestrator); any number may read, and other processes may
 * append to other executions.
 */
public final class FileEventStore implements EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileEventStore.class);
    static final String EXTENSION = ".jsonl";

    /** Per-execution lock and what this process knows of the log's end. */
    private static final class LogState {
        boolean tailChecked;
        boolean damageReported;
    }

    private final Path directory;
    private final Map<String, LogState> logs = new ConcurrentHashMap<>();

    public FileEventStore(Path directory) {
        this.directory = directory;
        AtomicFiles.createDirectories(directory);
    }

    @Override
    public void append(List<WorkflowEvent> events) {
        Map<String, List<WorkflowEvent>> byExecution = new LinkedHashMap<>();
        for (WorkflowEvent event : events) {
            if (event.executionId() == null) {
                throw new IllegalArgumentException("event " + event.sequence() + " (" + event.type() + ") has no execution id");
            }
            byExecution.computeIfAbsent(event.executionId(), id -> new ArrayList<>()).add(event);
        }
        byExecution.forEach(this::appendToLog);
    }

    private void appendToLog(String executionId, List<WorkflowEvent> events) {
        Path file = fileOf(executionId);
        byte[] batch = encode(events);
        LogState state = stateOf(executionId);
        synchronized (state) {
            boolean created = !Files.exists(file);
            if (!state.tailChecked && !created) {
                cutDamagedTail(file, executionId);
            }
            state.tailChecked = false;
            try (FileChannel channel = FileChannel.open(file,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(batch);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("could not append " + events.size() + " events to " + file
                        + ": " + e.getMessage(), e);
            }
            if (created) {
                AtomicFiles.forceDirectory(directory);
            }
            // Only a write that completed leaves the log ending on a whole line; after a failed
            // one the next append scans again and cuts what it left.
            state.tailChecked = true;
        }
    }

    private void cutDamagedTail(Path file, String executionId) {
        EventLogScan scan = EventLogReader.scan(file, executionId);
        if (!scan.hasDamagedTail()) {
            return;
        }
        LOG.warn("event log {}: cutting {} bytes from line {} on, left by an interrupted write",
                file, scan.ignoredBytes(), scan.ignoredFromLine());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(scan.intactBytes());
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not cut the damaged tail of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<WorkflowEvent> read(String executionId, long afterSequence) {
        EventLogScan scan = scan(executionId);
        if (afterSequence <= 0) {
            return scan.events();
        }
        List<WorkflowEvent> page = new ArrayList<>();
        for (WorkflowEvent event : scan.events()) {
            if (event.sequence() > afterSequence) {
                page.add(event);
            }
        }
        return page;
    }

    /**
     * Reads a log and tells what, if anything, was skipped at its end. Reading never changes the
     * file; the next append in this process cuts the damaged tail.
     */
    public EventLogScan scan(String executionId) {
        LogState state = stateOf(executionId);
        // Holding the lock keeps a read in this process from seeing half of an append as damage.
        synchronized (state) {
            EventLogScan scan = EventLogReader.scan(fileOf(executionId), executionId);
            if (scan.hasDamagedTail() && !state.damageReported) {
                state.damageReported = true;
                LOG.warn("event log {}: ignoring {} bytes from line {} on, left by an interrupted write; "
                        + "the {} events before them are intact", scan.file(), scan.ignoredBytes(),
                        scan.ignoredFromLine(), scan.events().size());
            }
            return scan;
        }
    }

    Path fileOf(String executionId) {
        return directory.resolve(FileNames.encode("execution id", executionId) + EXTENSION);
    }

    private LogState stateOf(String executionId) {
        return logs.computeIfAbsent(executionId, id -> new LogState());
    }

    private static byte[] encode(List<WorkflowEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 256);
        for (WorkflowEvent event : events) {
            byte[] line = Json.write(event).getBytes(StandardCharsets.UTF_8);
            out.write(line, 0, line.length);
            out.write('\n');
        }
        return out.toByteArray();
    }
}
