package io.dagflow.store.file;

import io.dagflow.event.WorkflowEvent;
import io.dagflow.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an event log: one JSON event per line, each line ended by '\n'.
 *
 * <p>Appends write whole lines and return only once they are on disk, so damage can only sit at
 * the end of the file: a last line without its '\n', or bytes a crashed write left behind. Such a
 * tail is reported in the scan and skipped. A bad line followed by intact ones is not crash damage
 * but corruption, and reading stops with an error naming the line rather than skipping events.
 */
final class EventLogReader {

    private EventLogReader() {
    }

    static EventLogScan scan(Path file, String executionId) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new EventLogScan(file, List.of(), 0, 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read event log " + file + ": " + e.getMessage(), e);
        }
        List<WorkflowEvent> events = new ArrayList<>();
        long intactBytes = 0;
        int firstBadLine = 0;
        String firstBadReason = null;
        int line = 0;
        int start = 0;
        while (start < content.length) {
            line++;
            int end = indexOf(content, (byte) '\n', start);
            if (end < 0) {
                // An unterminated last line is an interrupted append, whatever it contains.
                if (firstBadLine == 0) {
                    firstBadLine = line;
                }
                break;
            }
            String text = new String(content, start, end - start, StandardCharsets.UTF_8);
            String problem = null;
            WorkflowEvent event = null;
            try {
                event = Json.read(text, WorkflowEvent.class);
                problem = checkEvent(event, executionId);
            } catch (UncheckedIOException e) {
                problem = "not a JSON event";
            }
            if (problem != null) {
                if (firstBadLine == 0) {
                    firstBadLine = line;
                    firstBadReason = problem;
                }
            } else if (firstBadLine != 0) {
                throw new CorruptEventLogException(file, firstBadLine, firstBadReason, line);
            } else {
                events.add(event);
                intactBytes = end + 1L;
            }
            start = end + 1;
        }
        long ignored = content.length - intactBytes;
        return new EventLogScan(file, events, intactBytes, ignored, ignored > 0 ? firstBadLine : 0);
    }

    private static String checkEvent(WorkflowEvent event, String executionId) {
        if (event == null || event.type() == null) {
            return "no event type";
        }
        if (!executionId.equals(event.executionId())) {
            return "belongs to execution '" + event.executionId() + "'";
        }
        if (event.sequence() < 1) {
            return "sequence " + event.sequence() + " is not positive";
        }
        return null;
    }

    private static int indexOf(byte[] content, byte wanted, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
