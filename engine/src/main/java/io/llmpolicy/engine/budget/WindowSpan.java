package io.llmpolicy.engine.budget;

import java.time.Instant;

/**
 * One occurrence of a calendar window: {@code [startMillis, endMillis)} in epoch milliseconds.
 *
 * @param startMillis first instant of the window (inclusive)
 * @param endMillis   first instant of the next window (exclusive): when usage resets
 */
public record WindowSpan(long startMillis, long endMillis) {

    public WindowSpan {
        if (endMillis <= startMillis) {
            throw new IllegalArgumentException("empty window [" + startMillis + ", " + endMillis + ")");
        }
    }

    /** Whether {@code epochMillis} lies in this window. */
    public boolean contains(long epochMillis) {
        return epochMillis >= startMillis && epochMillis < endMillis;
    }

    @Override
    public String toString() {
        return "[" + Instant.ofEpochMilli(startMillis) + ", " + Instant.ofEpochMilli(endMillis) + ")";
    }
}
