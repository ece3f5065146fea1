package io.dagflow.store.file;

import java.nio.file.Path;

/**
 * An event log with a damaged line in its middle: something other than an interrupted append
 * changed the file, and the events after the damage cannot be trusted to follow on.
 */
public class CorruptEventLogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    CorruptEventLogException(Path file, int line, String problem, int intactLineAfter) {
        super("event log " + file + " is corrupt at line " + line + " (" + problem + ") although line "
                + intactLineAfter + " after it is intact; repair or remove the damaged line");
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
