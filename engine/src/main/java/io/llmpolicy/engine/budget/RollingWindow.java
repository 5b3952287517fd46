package io.llmpolicy.engine.budget;

import java.time.Duration;
import java.util.Objects;

/**
 * A sliding budget window, "the last hour", approximated with time buckets. Immutable and thread-safe.
 *
 * <p>Approximation, stated exactly. Time is cut into buckets of width {@code w = ceil(D / B)} milliseconds
 * aligned to the epoch, where {@code D} is the duration and {@code B} the bucket count; {@code B × w >= D}, with
 * equality when {@code B} divides {@code D}. A spend at instant {@code s} lands in bucket {@code k = floor(s / w)}
 * and counts at every instant {@code t} with {@code floor(t / w) - k <= B}. So it counts for the whole of
 * {@code [s, s + B × w]} (which contains {@code [s, s + D]}) and stops counting at the bucket edge
 * {@code (k + B + 1) × w}, which lies in {@code (s + B × w, s + (B + 1) × w]}. When {@code B} divides {@code D}:
 * never forgotten before {@code D} has passed, held at most one bucket width {@code D / B} longer. The window is
 * therefore conservative: usage is over-stated by at most the spend of the oldest bucket, never under-stated.
 * With the default 60 buckets a one-hour window has one-minute buckets and a spend counts for between 60 and 61
 * minutes.
 *
 * @param duration the window length {@code D}, at least one millisecond per bucket
 * @param buckets  the bucket count {@code B}, 1..{@value #MAX_BUCKETS}
 */
public record RollingWindow(Duration duration, int buckets) implements BudgetWindow {

    /** Default bucket count. */
    public static final int DEFAULT_BUCKETS = 60;
    /** Largest bucket count (memory per counter grows with it). */
    public static final int MAX_BUCKETS = 3600;

    public RollingWindow {
        Objects.requireNonNull(duration, "duration");
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("rolling window buckets must be 1.." + MAX_BUCKETS + ", got " + buckets);
        }
        if (duration.toMillis() < buckets) {
            throw new IllegalArgumentException("rolling window of " + duration + " is shorter than one millisecond per"
                    + " bucket (" + buckets + " buckets)");
        }
    }

    /** Bucket width {@code w} in milliseconds. */
    public long bucketMillis() {
        return Math.ceilDiv(duration.toMillis(), buckets);
    }

    /** Index of the bucket containing {@code epochMillis}. */
    long bucketOf(long epochMillis) {
        return Math.floorDiv(epochMillis, bucketMillis());
    }
}
