package io.llmpolicy.engine.route.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-target cooldown after failures that trigger a fallback. Thread-safe and lock-free (atomic arrays, no
 * allocation after construction); time is passed in.
 *
 * <p>Rules:
 * <ul>
 *   <li>The engine calls {@link #recordFailure} for every failed attempt whose error class triggers fallback
 *       (retries of the same target included: each attempt counts) and {@link #recordSuccess} for every
 *       success. Errors that do not trigger fallback (a 400 for a bad request) are not reported here.</li>
 *   <li>After {@code failureThreshold} consecutive failures the target cools down: it is unavailable until
 *       {@code now + cooldown}. Further failures push that end later, never earlier.</li>
 *   <li>A {@code Retry-After} from the provider cools the target down for at least that long, capped at
 *       {@code maxRetryAfter}, even below the threshold: the provider said when it will accept calls.</li>
 *   <li>When a cooldown ends the target is tried again; its failure count is kept until a success, so one more
 *       failure cools it down again at once (half-open). A success resets the count.</li>
 *   <li>When every target of a route is cooling down, the engine does not fail outright: it tries the target whose
 *       cooldown ends first ({@link #soonestAvailable}) and marks the decision as such. A cooldown is a guess
 *       about the provider's health; refusing service on a guess is worse than one more attempt.</li>
 * </ul>
 */
public final class CircuitBreaker {

    private static final long NEVER = Long.MIN_VALUE;

    private final AtomicLongArray coolingUntil;
    private final AtomicIntegerArray failures;
    private final long cooldownMillis;
    private final int failureThreshold;
    private final long maxRetryAfterMillis;

    /**
     * A breaker for targets {@code 0..targets-1}.
     *
     * @param cooldown         how long a target rests after reaching the threshold, {@code > 0}
     * @param failureThreshold consecutive failures that start a cooldown, {@code >= 1}
     * @param maxRetryAfter    longest {@code Retry-After} honoured, {@code >= 0}
     */
    public CircuitBreaker(int targets, Duration cooldown, int failureThreshold, Duration maxRetryAfter) {
        if (targets < 0) {
            throw new IllegalArgumentException("targets must be >= 0, got " + targets);
        }
        if (cooldown.isNegative() || cooldown.isZero()) {
            throw new IllegalArgumentException("cooldown must be positive, got " + cooldown);
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be >= 1, got " + failureThreshold);
        }
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("max Retry-After must be >= 0, got " + maxRetryAfter);
        }
        this.coolingUntil = new AtomicLongArray(targets);
        this.failures = new AtomicIntegerArray(targets);
        this.cooldownMillis = cooldown.toMillis();
        this.failureThreshold = failureThreshold;
        this.maxRetryAfterMillis = maxRetryAfter.toMillis();
        for (int i = 0; i < targets; i++) {
            coolingUntil.set(i, NEVER);
        }
    }

    /** A failure without {@code Retry-After}. */
    public void recordFailure(int target, long nowMillis) {
        recordFailure(target, nowMillis, -1);
    }

    /**
     * A fallback-triggering failure of {@code target} at {@code nowMillis}; {@code retryAfterMillis} is the
     * provider's {@code Retry-After} in milliseconds, or negative when absent.
     */
    public void recordFailure(int target, long nowMillis, long retryAfterMillis) {
        int count = failures.updateAndGet(target, n -> n == Integer.MAX_VALUE ? n : n + 1);
        long until = NEVER;
        if (count >= failureThreshold) {
            until = nowMillis + cooldownMillis;
        }
        if (retryAfterMillis >= 0) {
            until = Math.max(until, nowMillis + Math.min(retryAfterMillis, maxRetryAfterMillis));
        }
        if (until != NEVER) {
            coolingUntil.accumulateAndGet(target, until, Math::max);
        }
    }

    /** A success of {@code target}: its consecutive failure count restarts at zero. */
    public void recordSuccess(int target) {
        failures.set(target, 0);
    }

    /** Whether {@code target} may be called at {@code nowMillis}. */
    public boolean isAvailable(int target, long nowMillis) {
        return coolingUntil.get(target) <= nowMillis;
    }

    /** End of {@code target}'s latest cooldown (epoch millis), or {@link Long#MIN_VALUE} if it never cooled down. */
    public long coolingUntil(int target) {
        return coolingUntil.get(target);
    }

    /** Consecutive failures of {@code target} since its last success. */
    public int consecutiveFailures(int target) {
        return failures.get(target);
    }

    /**
     * Position in {@code route[0..count)} of the first target available at {@code nowMillis}, or -1 when all are
     * cooling down (or {@code count} is 0).
     */
    public int firstAvailable(int[] route, int count, long nowMillis) {
        for (int i = 0; i < count; i++) {
            if (isAvailable(route[i], nowMillis)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Position in {@code route[0..count)} of the target whose cooldown ends first (ties: the earlier position), or
     * -1 when {@code count} is 0: what to try when every target is cooling down.
     */
    public int soonestAvailable(int[] route, int count) {
        int best = -1;
        long bestUntil = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            long until = coolingUntil.get(route[i]);
            if (best < 0 || until < bestUntil) {
                best = i;
                bestUntil = until;
            }
        }
        return best;
    }
}
