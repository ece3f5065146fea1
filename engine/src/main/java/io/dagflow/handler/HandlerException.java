package io.dagflow.handler;

/** A handler failure with a message meant for the user. */
public class HandlerException extends Exception {

    private final boolean retriable;

    public HandlerException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public HandlerException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** A failure no retry can fix, such as invalid configuration. */
    public static HandlerException permanent(String message) {
        return new HandlerException(message, false);
    }

    public static HandlerException retriable(String message) {
        return new HandlerException(message, true);
    }

    public boolean isRetriable() {
        return retriable;
    }
}
