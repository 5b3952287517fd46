package io.llmpolicy.engine.budget;

import java.util.Arrays;

/**
 * Which (dimension, threshold) alerts have fired, and when. Guarded by the owning {@link KeyState}'s monitor.
 * Sized for {@link Limits#MAX_ALERT_THRESHOLDS} per dimension; grows only if thresholds change over time.
 */
final class AlertLog {

    private long[] codes = new long[8];
    private long[] firedAt = new long[8];
    private int size;

    static long code(int dimension, int bps) {
        return ((long) dimension << 32) | bps;
    }

    /** When this alert last fired, or {@link Long#MIN_VALUE} if it has not. */
    long firedAt(int dimension, int bps) {
        long code = code(dimension, bps);
        for (int i = 0; i < size; i++) {
            if (codes[i] == code) {
                return firedAt[i];
            }
        }
        return Long.MIN_VALUE;
    }

    void record(int dimension, int bps, long at) {
        long code = code(dimension, bps);
        for (int i = 0; i < size; i++) {
            if (codes[i] == code) {
                firedAt[i] = at;
                return;
            }
        }
        if (size == codes.length) {
            codes = Arrays.copyOf(codes, size * 2);
            firedAt = Arrays.copyOf(firedAt, size * 2);
        }
        codes[size] = code;
        firedAt[size] = at;
        size++;
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    int dimensionAt(int i) {
        return (int) (codes[i] >>> 32);
    }

    int bpsAt(int i) {
        return (int) codes[i];
    }

    long firedAtIndex(int i) {
        return firedAt[i];
    }
}
