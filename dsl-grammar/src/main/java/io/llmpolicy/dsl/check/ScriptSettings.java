package io.llmpolicy.dsl.check;

import java.time.Duration;
import java.util.List;

/**
 * The limits a policy's {@code scripts { ... }} block sets on every script call, as checked values; a setting the
 * policy leaves out is {@code null} and the engine's default applies.
 *
 * @param statements      JavaScript statements one call may execute
 * @param timeout         wall-clock time one call may run (and wait for a free context)
 * @param allocationBytes bytes one call may allocate
 */
public record ScriptSettings(Long statements, Duration timeout, Long allocationBytes) {

    /** The setting names, in the order the language reference lists them. */
    public static final List<String> NAMES = List.of("statements", "timeout", "allocation");

    /** Largest statement limit a policy may ask for (100M: seconds of interpreter time). */
    public static final long MAX_STATEMENTS = 100_000_000L;
    /** Longest per-call time-out a policy may ask for; a request thread waits this long at most. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    /** Smallest and largest per-call allocation limit a policy may ask for (100 kB, 4 GB). */
    public static final long MIN_ALLOCATION = 100_000L;
    public static final long MAX_ALLOCATION = 4_000_000_000L;

    /** No {@code scripts} block: every limit is the engine's default. */
    public static final ScriptSettings DEFAULTS = new ScriptSettings(null, null, null);
}
