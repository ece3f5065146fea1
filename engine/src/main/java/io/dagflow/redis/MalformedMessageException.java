package io.dagflow.redis;

/** A stream entry that cannot be read as the message its stream carries; the message says why. */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String reason) {
        super(reason);
    }
}
