package io.llmpolicy.plugin;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A classified failure of a model provider call. Providers complete their futures exceptionally with this type
 * (never throw it from {@code complete}/{@code stream} directly); the engine reads {@link #errorClass()} to pick
 * retries and fallbacks and honours {@link #retryAfter()}.
 *
 * <p>Immutable; unchecked so it travels through {@code CompletableFuture} unchanged.
 */
public final class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorClass errorClass;
    private final int httpStatus;
    private final Duration retryAfter;
    private final String providerCode;

    /**
     * @param errorClass   the class the failure belongs to
     * @param httpStatus   the HTTP status, or 0 when no response status was received
     * @param retryAfter   how long the provider asked us to wait, or {@code null} when it did not say
     * @param providerCode the provider's own error code or type (for example {@code overloaded_error},
     *                     {@code context_length_exceeded}), or {@code ""}
     * @param message      a human-readable explanation (the provider's message when it sent one)
     * @param cause        the underlying exception, or {@code null}
     */
    public ProviderException(ErrorClass errorClass, int httpStatus, Duration retryAfter, String providerCode,
                             String message, Throwable cause) {
        super(message, cause);
        this.errorClass = Objects.requireNonNull(errorClass, "errorClass");
        if (httpStatus < 0) {
            throw new IllegalArgumentException("httpStatus must be 0 (none) or an HTTP status, got " + httpStatus);
        }
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.providerCode = providerCode == null ? "" : providerCode;
    }

    /** A failure without an HTTP status (time-out, network). */
    public static ProviderException of(ErrorClass errorClass, String message, Throwable cause) {
        return new ProviderException(errorClass, 0, null, "", message, cause);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The HTTP status, or 0 when the failure happened before or without one. */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The provider's error code or type, or {@code ""}. */
    public String providerCode() {
        return providerCode;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ProviderException[").append(errorClass.policyName());
        if (httpStatus != 0) {
            s.append(", HTTP ").append(httpStatus);
        }
        if (!providerCode.isEmpty()) {
            s.append(", ").append(providerCode);
        }
        if (retryAfter != null) {
            s.append(", retry after ").append(retryAfter);
        }
        return s.append("]: ").append(getMessage()).toString();
    }
}
