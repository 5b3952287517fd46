package io.llmpolicy.guard;

import java.util.Objects;

/**
 * Why a piece of guardrail configuration was rejected, and where.
 *
 * @param message what is wrong and how to fix it
 * @param offset  index (UTF-16) into the offending text, for example the regex pattern, where the problem starts
 */
public record Problem(String message, int offset) {
    /** Validates the record. */
    public Problem {
        Objects.requireNonNull(message, "message");
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative");
    }
}
