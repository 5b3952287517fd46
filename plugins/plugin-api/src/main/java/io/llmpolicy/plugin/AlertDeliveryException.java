package io.llmpolicy.plugin;

/**
 * An alert could not be delivered: the receiver answered with a non-2xx status, timed out or was unreachable.
 * {@link AlertSink#send} futures fail with this type. Immutable.
 */
public final class AlertDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sink;
    private final int httpStatus;

    /**
     * @param sink       the name of the sink's endpoint
     * @param httpStatus the receiver's HTTP status, or 0 when there was no response (time-out, network)
     * @param message    what happened
     * @param cause      the underlying failure, or {@code null}
     */
    public AlertDeliveryException(String sink, int httpStatus, String message, Throwable cause) {
        super("alert sink '" + sink + "': " + message, cause);
        this.sink = sink;
        this.httpStatus = httpStatus;
    }

    public String sink() {
        return sink;
    }

    /** The receiver's HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }
}
