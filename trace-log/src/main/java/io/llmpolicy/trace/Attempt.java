package io.llmpolicy.trace;

/**
 * One call to a model made while serving a request: the primary target or a fallback. Immutable, thread-safe.
 *
 * @param providerName  provider called ({@code gen_ai.provider.name})
 * @param model         model requested from that provider ({@code gen_ai.request.model})
 * @param errorType     error class when the attempt failed ({@code error.type}), null when it succeeded
 * @param latencyNanos  wall time of the attempt in nanoseconds, {@code >= 0}
 */
public record Attempt(String providerName, String model, String errorType, long latencyNanos) {

    public Attempt {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("attempt latencyNanos must be >= 0, got " + latencyNanos);
        }
    }

    /** True when the attempt ended in an error. */
    public boolean failed() {
        return errorType != null;
    }
}
