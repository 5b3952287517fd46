package io.llmpolicy.engine;

/** A request the engine cannot decide: an attribute of the wrong type, a malformed value. Says which and why. */
public final class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The request field or attribute at fault. */
    public String field() {
        return field;
    }
}
