package io.llmpolicy.eval;

/** An assertion was configured with an argument it cannot work with (bad regex, bad schema, bad threshold). */
public final class InvalidAssertionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidAssertionException(String message) {
        super(message);
    }

    public InvalidAssertionException(String message, Throwable cause) {
        super(message, cause);
    }
}
