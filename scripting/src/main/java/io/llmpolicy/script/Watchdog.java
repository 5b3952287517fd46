package io.llmpolicy.script;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread per runtime that stops calls running past their wall-clock deadline or allocation budget.
 *
 * <p>Mechanism: while at least one call is running, the thread wakes every {@link #TICK_NANOS} and looks at the
 * call published by each live context; an overdue one is stopped with {@code Context.close(true)}, which cancels
 * the running JavaScript (the caller sees a cancellation, reported as TIMEOUT or RESOURCE_LIMIT) and makes the
 * context unusable, so the pool discards it. Closing was chosen over {@code Context.interrupt}: it needs no second
 * timeout, and a context a call was torn out of is never reused. When no call is running the thread parks, so an
 * idle runtime costs nothing; a call costs one volatile write to publish itself and, only when it is the first
 * running call, an unpark. Time-outs are therefore enforced to within about one tick (1 ms) plus the engine's
 * cancellation latency.
 */
final class Watchdog implements Runnable {

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<PooledContext> live;
    private final long maxAllocatedBytes;
    private final AtomicInteger running = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopped;

    Watchdog(List<PooledContext> live, long maxAllocatedBytes) {
        this.live = live;
        this.maxAllocatedBytes = maxAllocatedBytes;
        this.thread = Thread.ofPlatform().daemon().name("llmpolicy-script-watchdog").unstarted(this);
        thread.start();
    }

    /** A call started; wakes the thread if it was the only one. */
    void callStarted() {
        if (running.getAndIncrement() == 0) {
            LockSupport.unpark(thread);
        }
    }

    void callEnded() {
        running.decrementAndGet();
    }

    @Override
    public void run() {
        while (!stopped) {
            if (running.get() == 0) {
                LockSupport.park(this);
                continue;
            }
            LockSupport.parkNanos(this, TICK_NANOS);
            scan(System.nanoTime());
        }
    }

    private void scan(long now) {
        for (PooledContext pc : live) {
            PooledContext.Call call = pc.running();
            if (call == null) {
                continue;
            }
            if (now - call.deadlineNanos() > 0) {
                pc.stop(call, ScriptException.Kind.TIMEOUT, "did not finish within " + call.budgetMillis()
                        + " ms (wall clock); the call was stopped");
            } else if (call.allocationCeiling() != Long.MAX_VALUE
                    && ThreadAllocation.of(call.threadId()) > call.allocationCeiling()) {
                pc.stop(call, ScriptException.Kind.RESOURCE_LIMIT, "allocated more than " + maxAllocatedBytes
                        + " bytes in one call; the call was stopped");
            }
        }
    }

    void shutdown() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
