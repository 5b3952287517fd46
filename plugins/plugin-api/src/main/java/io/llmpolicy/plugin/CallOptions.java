package io.llmpolicy.plugin;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-call settings. Immutable.
 *
 * @param requestId the engine's request id: lets deterministic providers (the mock) derive behaviour from it and
 *                  real providers tag requests for tracing; never blank
 * @param timeout   the deadline for the whole call (a stream included), or {@link Duration#ZERO} for the
 *                  endpoint's {@link EndpointConfig#requestTimeout()}
 */
public record CallOptions(String requestId, Duration timeout) {

    public CallOptions {
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("requestId must not be blank");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
    }

    /** Options with the endpoint's default time-out. */
    public static CallOptions of(String requestId) {
        return new CallOptions(requestId, Duration.ZERO);
    }

    public CallOptions withTimeout(Duration value) {
        return new CallOptions(requestId, value);
    }

    /** This call's deadline: {@link #timeout()} when set, else {@code endpointDefault}. */
    public Duration timeoutOr(Duration endpointDefault) {
        return timeout.isZero() ? endpointDefault : timeout;
    }
}
