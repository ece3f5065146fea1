package io.dagflow.cli;

/** A problem the user can fix (a bad file, an unknown execution); printed without a stack trace. */
final class UserError extends RuntimeException {

    private final int exitCode;

    UserError(String message) {
        this(message, Main.USAGE);
    }

    UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
