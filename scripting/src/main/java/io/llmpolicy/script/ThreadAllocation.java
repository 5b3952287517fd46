package io.llmpolicy.script;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by a thread, from HotSpot's per-thread allocation counters
 * ({@code com.sun.management.ThreadMXBean}). This is how a per-call allocation budget works without Oracle
 * GraalVM's sandbox heap limit: scripts run on the calling thread, so what that thread allocates during the call
 * is what the script (and its conversions) allocated. Returns -1 where the JVM does not count: another JVM, or a
 * virtual thread (JDK 25 returns -1 for those); the budget is then not enforced for that call. Thread-safe.
 */
final class ThreadAllocation {

    private static final com.sun.management.ThreadMXBean MX = load();

    private ThreadAllocation() {
    }

    private static com.sun.management.ThreadMXBean load() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                    && mx.isThreadAllocatedMemorySupported()) {
                if (!mx.isThreadAllocatedMemoryEnabled()) {
                    mx.setThreadAllocatedMemoryEnabled(true);
                }
                return mx;
            }
        } catch (RuntimeException | LinkageError e) {
            // No management support in this JVM: allocation budgets are simply not enforced.
        }
        return null;
    }

    static long current() {
        return MX == null ? -1 : MX.getCurrentThreadAllocatedBytes();
    }

    static long of(long threadId) {
        return MX == null ? -1 : MX.getThreadAllocatedBytes(threadId);
    }
}
