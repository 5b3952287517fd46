package io.llmpolicy.trace;

import java.time.Duration;

/**
 * Which old cycle files the writer deletes. A cycle is deleted when it is older than {@code maxAge} (its end is
 * more than {@code maxAge} before now) or when more than {@code maxCycles} newer cycle files exist; whichever
 * applies first. The newest cycle that holds a record is never deleted, so the hash chain always has a head.
 * Before deleting a cycle that holds records, the writer appends a "prune" entry (the last record's sequence and
 * chain hash, signed when a key is configured) to the checkpoint file, from which verification starts.
 * Immutable and thread-safe.
 *
 * @param maxAge    delete cycles that ended longer ago than this; null for no age limit
 * @param maxCycles keep at most this many cycle files; 0 for no count limit
 */
public record Retention(Duration maxAge, int maxCycles) {

    /** Never delete anything (the default). */
    public static final Retention KEEP_ALL = new Retention(null, 0);

    public Retention {
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("retention maxAge must be positive, got " + maxAge);
        }
        if (maxCycles < 0) {
            throw new IllegalArgumentException("retention maxCycles must be >= 0, got " + maxCycles);
        }
    }

    public static Retention maxAge(Duration maxAge) {
        return new Retention(maxAge, 0);
    }

    public static Retention maxCycles(int maxCycles) {
        if (maxCycles < 1) {
            throw new IllegalArgumentException("retention must keep at least one cycle, got " + maxCycles);
        }
        return new Retention(null, maxCycles);
    }

    public boolean keepsAll() {
        return maxAge == null && maxCycles == 0;
    }
}
