package io.llmpolicy.script;

import java.time.Duration;

/**
 * The limits a {@link ScriptRuntime} puts on every script call. Immutable.
 *
 * @param statementLimit           JavaScript statements one call may execute (top-level code included); the
 *                                 engine counts them, so this bound is exact and independent of machine speed
 * @param timeout                  wall-clock time one call may run, enforced by the runtime's watchdog to within
 *                                 about a millisecond; also the longest a call waits for a free context
 * @param maxContexts              contexts in the pool, i.e. calls that can run at the same time; more callers wait
 * @param maxAllocatedBytesPerCall bytes one call may allocate (measured with the JVM's per-thread allocation
 *                                 counter and enforced by the watchdog, so a single large allocation is caught after
 *                                 the fact); 0 turns the check off
 * @param consoleOutputBytes       bytes of {@code console.log}/{@code print} output kept per call for error reports
 */
public record ScriptLimits(long statementLimit, Duration timeout, int maxContexts, long maxAllocatedBytesPerCall,
                           int consoleOutputBytes) {

    /** 100,000 statements, 50 ms, two contexts per available processor (at least 2), 64 MiB, 4 KiB. */
    public static ScriptLimits defaults() {
        return new ScriptLimits(100_000, Duration.ofMillis(50),
                Math.max(2, 2 * Runtime.getRuntime().availableProcessors()), 64L << 20, 4096);
    }

    public ScriptLimits {
        if (statementLimit < 1) {
            throw new IllegalArgumentException("statement limit must be at least 1, got " + statementLimit);
        }
        if (timeout == null || timeout.toMillis() < 1) {
            throw new IllegalArgumentException("time-out must be at least 1 ms, got " + timeout);
        }
        if (maxContexts < 1) {
            throw new IllegalArgumentException("max contexts must be at least 1, got " + maxContexts);
        }
        if (maxAllocatedBytesPerCall < 0) {
            throw new IllegalArgumentException("allocation limit must be 0 (off) or positive, got "
                    + maxAllocatedBytesPerCall);
        }
        if (consoleOutputBytes < 0) {
            throw new IllegalArgumentException("console output bytes must not be negative, got " + consoleOutputBytes);
        }
    }
}
