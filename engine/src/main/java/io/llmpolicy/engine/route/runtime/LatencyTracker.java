package io.llmpolicy.engine.route.runtime;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Exponentially weighted moving average of observed latency per target, for least-latency routing. Thread-safe
 * and lock-free: each target's average is one {@code long} (the bits of a {@code double}) updated by
 * compare-and-set, so concurrent samples are never lost; no allocation after construction.
 *
 * <p>Update: {@code avg ← avg + α × (sample − avg)}. The first sample of a target replaces the initial value,
 * so one observation is enough to rank a new target; until then the target is estimated at the initial value
 * (choose it pessimistic to explore new targets carefully, optimistic to try them early).
 */
public final class LatencyTracker {

    private static final long UNSEEN = Double.doubleToRawLongBits(Double.NaN);

    private final AtomicLongArray averages;
    private final double alpha;
    private final double initialMillis;

    /**
     * A tracker for targets {@code 0..targets-1}.
     *
     * @param alpha         weight of a new sample, in {@code (0, 1]}; 0.2 forgets a spike after about ten samples
     * @param initialMillis estimate for a target with no sample yet, {@code >= 0}
     */
    public LatencyTracker(int targets, double alpha, double initialMillis) {
        if (targets < 0) {
            throw new IllegalArgumentException("targets must be >= 0, got " + targets);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        if (!(initialMillis >= 0) || Double.isInfinite(initialMillis)) {
            throw new IllegalArgumentException("initial latency must be a finite number >= 0, got " + initialMillis);
        }
        this.averages = new AtomicLongArray(targets);
        this.alpha = alpha;
        this.initialMillis = initialMillis;
        for (int i = 0; i < targets; i++) {
            averages.set(i, UNSEEN);
        }
    }

    /** Number of targets. */
    public int targets() {
        return averages.length();
    }

    /** Records an observed latency (typically {@code latency_ms} of a completed request). */
    public void record(int target, double latencyMillis) {
        if (!(latencyMillis >= 0) || Double.isInfinite(latencyMillis)) {
            throw new IllegalArgumentException("latency must be a finite number >= 0, got " + latencyMillis);
        }
        while (true) {
            long bits = averages.get(target);
            double next = bits == UNSEEN ? latencyMillis
                    : Double.longBitsToDouble(bits) + alpha * (latencyMillis - Double.longBitsToDouble(bits));
            if (averages.compareAndSet(target, bits, Double.doubleToRawLongBits(next))) {
                return;
            }
        }
    }

    /** The current estimate for {@code target}: its moving average, or the initial value if never observed. */
    public double estimateMillis(int target) {
        long bits = averages.get(target);
        return bits == UNSEEN ? initialMillis : Double.longBitsToDouble(bits);
    }

    /** Whether {@code target} has at least one sample. */
    public boolean hasSamples(int target) {
        return averages.get(target) != UNSEEN;
    }

    /**
     * Position in {@code candidates[0..count)} of the target with the lowest estimate; ties go to the earlier
     * position (the policy's order). Returns -1 when {@code count} is 0.
     */
    public int fastest(int[] candidates, int count) {
        int best = -1;
        double bestMillis = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double estimate = estimateMillis(candidates[i]);
            if (best < 0 || estimate < bestMillis) {
                best = i;
                bestMillis = estimate;
            }
        }
        return best;
    }
}
