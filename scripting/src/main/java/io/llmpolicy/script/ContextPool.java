package io.llmpolicy.script;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.ResourceLimits;

/**
 * At most {@code maxContexts} sandboxed contexts, each lent to one caller at a time.
 *
 * <p>Concurrency: a permit of {@link #permits} is held for each lent context; a caller with a permit takes the
 * most recently returned idle context (LIFO keeps a few contexts hot) or, if none is idle, creates one on its own
 * thread. Contexts are created only when none is idle, so idle plus lent never exceeds the maximum. A context
 * whose call hit a limit, was stopped or failed inside the engine is closed and dropped, never returned.
 * {@link #live} (copy-on-write: it changes only when a context is created or dropped) is what the watchdog scans.
 */
final class ContextPool {

    private final Engine engine;
    private final ResourceLimits limits;
    private final int consoleBytes;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<PooledContext> idle = new ConcurrentLinkedDeque<>();
    final List<PooledContext> live = new CopyOnWriteArrayList<>();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private volatile boolean closed;

    ContextPool(Engine engine, ResourceLimits limits, int maxContexts, int consoleBytes) {
        this.engine = engine;
        this.limits = limits;
        this.consoleBytes = consoleBytes;
        this.permits = new Semaphore(maxContexts, true);
    }

    /**
     * A context for the calling thread, or {@code null} if none became free within {@code waitNanos}.
     *
     * @throws InterruptedException if the thread was interrupted while waiting
     * @throws IllegalStateException if the pool is closed
     */
    PooledContext acquire(long waitNanos) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (!permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
            return null;
        }
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            PooledContext pc = idle.pollFirst();
            if (pc == null) {
                pc = PooledContext.create(engine, limits, consoleBytes);
                live.add(pc);
                created.incrementAndGet();
            }
            return pc;
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a context; {@code healthy == false} closes and drops it. */
    void release(PooledContext pc, boolean healthy) {
        if (healthy && !closed) {
            idle.offerFirst(pc);
        } else {
            discard(pc);
        }
        permits.release();
        if (closed && idle.remove(pc)) {
            discard(pc);
        }
    }

    private void discard(PooledContext pc) {
        if (live.remove(pc)) {
            discarded.incrementAndGet();
        }
        pc.closeQuietly(true);
    }

    void evictIdle() {
        PooledContext pc;
        while ((pc = idle.pollFirst()) != null) {
            discard(pc);
        }
    }

    ScriptRuntime.Stats stats() {
        return new ScriptRuntime.Stats(live.size(), idle.size(), created.get(), discarded.get());
    }

    /** Closes idle contexts and cancels running calls; they end with {@link ScriptException.Kind#CANCELLED}. */
    void close() {
        closed = true;
        for (PooledContext pc : live) {
            PooledContext.Call call = pc.running();
            if (call != null) {
                pc.stop(call, ScriptException.Kind.CANCELLED, "the script runtime was closed during the call");
            }
        }
        evictIdle();
    }
}
