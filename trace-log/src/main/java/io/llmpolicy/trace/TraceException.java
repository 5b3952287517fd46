package io.llmpolicy.trace;

/** A trace directory cannot be opened, written or read; the message names the directory or file. */
public final class TraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TraceException(String message) {
        super(message);
    }

    public TraceException(String message, Throwable cause) {
        super(message, cause);
    }
}
