package io.llmpolicy.script;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Value;

/**
 * One sandboxed JavaScript context, locked down, lent to one caller at a time by {@link ContextPool}.
 *
 * <p>Concurrency: the lessee thread owns everything except {@link #current}, the call in progress, which the
 * watchdog (and {@link ContextPool#close}) read to stop an overdue call. A call is published as an immutable
 * {@link Call}; stopping it replaces it with a {@link Stop} by compare-and-set, so a late watchdog can never stop
 * the next call on the same context, and the lessee learns by the failed compare-and-set in {@link #end} that its
 * call was stopped and why.
 */
final class PooledContext {

    /** A call in progress: when it must end (and its time budget, for messages), on which thread, and the
     *  thread's allocation ceiling. */
    record Call(long deadlineNanos, long budgetMillis, long threadId, long allocationCeiling) {
    }

    /** Why a call was stopped. */
    record Stop(ScriptException.Kind kind, String detail) {
    }

    final Context context;
    final BoundedSink console;
    private final Value arrayOf;
    private final Map<String, Value> factories = new HashMap<>();
    private final AtomicReference<Object> current = new AtomicReference<>();

    private PooledContext(Context context, BoundedSink console) {
        this.context = context;
        this.console = console;
        context.eval(Sandbox.LOCKDOWN);
        this.arrayOf = context.eval(Sandbox.ARRAY_OF);
        context.resetLimits();
    }

    static PooledContext create(Engine engine, ResourceLimits limits, int consoleBytes) {
        BoundedSink console = new BoundedSink(consoleBytes);
        Context context = Sandbox.newContext(engine, limits, console);
        try {
            return new PooledContext(context, console);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    /** The script's factory in this context, evaluated (not run) on first use; the engine caches the parse. */
    Value factory(CompiledScript script) {
        Value f = factories.get(script.factoryKey);
        if (f == null) {
            f = context.eval(script.wrapped);
            factories.put(script.factoryKey, f);
        }
        return f;
    }

    /** A fresh JavaScript array holding {@code elements} (Strings or Doubles). */
    Value array(Object[] elements) {
        return arrayOf.execute(elements);
    }

    /** Publishes a call; from now on the watchdog may stop it. */
    Call begin(long budgetNanos, long maxAllocatedBytes) {
        console.reset();
        long ceiling = Long.MAX_VALUE;
        if (maxAllocatedBytes > 0) {
            long now = ThreadAllocation.current();
            if (now >= 0) {
                ceiling = now + maxAllocatedBytes;
            }
        }
        Call call = new Call(System.nanoTime() + budgetNanos, TimeUnit.NANOSECONDS.toMillis(budgetNanos),
                Thread.currentThread().threadId(), ceiling);
        current.set(call);
        return call;
    }

    /** Ends {@code call}; returns why it was stopped, or {@code null} if it ended on its own. */
    Stop end(Call call) {
        Object was = current.compareAndExchange(call, null);
        return was == call ? null : (Stop) was;
    }

    /** The call in progress, or {@code null}; for the watchdog. */
    Call running() {
        return current.get() instanceof Call c ? c : null;
    }

    /**
     * Stops {@code call} if it is still the one in progress: cancels the context (it is discarded afterwards).
     * Blocks until the engine has cancelled the running code, usually well under a millisecond.
     */
    boolean stop(Call call, ScriptException.Kind kind, String detail) {
        if (!current.compareAndSet(call, new Stop(kind, detail))) {
            return false;
        }
        closeQuietly(true);
        return true;
    }

    void closeQuietly(boolean cancel) {
        try {
            context.close(cancel);
        } catch (RuntimeException e) {
            // Already closed, or closing from the thread that runs it: the context is being discarded anyway.
        }
    }
}
