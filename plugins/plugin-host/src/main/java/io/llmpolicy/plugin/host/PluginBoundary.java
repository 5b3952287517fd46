package io.llmpolicy.plugin.host;

import io.llmpolicy.plugin.AlertDeliveryException;
import io.llmpolicy.plugin.Finding;
import io.llmpolicy.plugin.FunctionSignature;
import io.llmpolicy.plugin.GuardrailDetector;
import io.llmpolicy.plugin.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The one way engine code calls into plugins. Whatever a plugin does wrong (throws, hangs, returns nonsense) comes
 * back as a {@link PluginCallException} naming the plugin, the function and the caller's policy location; the
 * host never sees the plugin's raw failure and keeps running.
 *
 * <p><b>Cost and time-outs.</b> A call with a positive time-out runs on a bounded pool ({@code threads} workers,
 * a queue of {@code queue} calls): the caller hands the call over and waits at most the time-out, which costs a
 * thread hand-off (tens of microseconds, see docs/plugins.md) and cannot stop a plugin that ignores interruption —
 * a timed-out call is abandoned, its worker interrupted, and the worker stays busy until the plugin returns; when
 * all workers are stuck, further calls are {@link PluginCallException.Kind#REJECTED} rather than queued forever.
 * A call with time-out {@link Duration#ZERO} runs directly on the caller's thread: only exceptions are wrapped,
 * at the cost of two field writes (the context class loader), which suits hot-path detectors and functions that
 * are known to be fast. In both modes the thread's context class loader is the plugin's during the call.
 *
 * <p>Asynchronous calls ({@link #callAsync}) start on the caller's thread (the plugin must return its future at
 * once) and are watched by one timer thread.
 *
 * <p>Thread-safe.
 */
public final class PluginBoundary implements AutoCloseable {
    private final Duration defaultTimeout;
    private final int threads;
    private final int queue;
    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timer;

    PluginBoundary(Duration defaultTimeout, int threads, int queue) {
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.threads = threads;
        this.queue = queue;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "llmpolicy-plugin-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "llmpolicy-plugin-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** The time-out calls get when they do not pass one. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** Calls {@code body} on the extension with the default time-out. */
    public <E, R> R call(PluginExtension<E> ext, String function, String location, Function<? super E, ? extends R> body) {
        return call(ext, function, location, defaultTimeout, body);
    }

    /**
     * Calls {@code body} on the extension, on the pool with {@code timeout}, or directly when it is zero.
     *
     * @throws PluginCallException when the plugin throws, times out, or the pool is full
     */
    public <E, R> R call(PluginExtension<E> ext, String function, String location, Duration timeout,
                         Function<? super E, ? extends R> body) {
        return run(ext.pluginId(), function, location, timeout, ext.classLoader(), () -> body.apply(ext.extension()));
    }

    /**
     * Calls an asynchronous plugin method ({@code ModelProvider.complete}, {@code AlertSink.send}...). The returned
     * future fails with the plugin's {@link ProviderException} or {@link AlertDeliveryException} unchanged, with a
     * {@link PluginCallException} for anything else the plugin throws or fails with, or for a future that does not
     * complete within {@code timeout} (zero: no watch) — pass a little more than the call's own deadline, so the
     * plugin's classified time-out normally wins and this is only the safety net. Cancelling the returned future
     * cancels the plugin's.
     */
    public <E, R> CompletableFuture<R> callAsync(PluginExtension<E> ext, String function, String location,
                                                 Duration timeout, Function<? super E, ? extends CompletableFuture<R>> body) {
        CompletableFuture<R> out = new CompletableFuture<>();
        CompletableFuture<R> inner;
        try {
            inner = run(ext.pluginId(), function, location, Duration.ZERO, ext.classLoader(), () -> body.apply(ext.extension()));
        } catch (PluginCallException e) {
            // a classified failure thrown instead of returned breaks the letter of the contract, not its meaning
            boolean classified = e.getCause() instanceof ProviderException || e.getCause() instanceof AlertDeliveryException;
            out.completeExceptionally(classified ? e.getCause() : e);
            return out;
        }
        if (inner == null) {
            out.completeExceptionally(PluginCallException.badResult(ext.pluginId(), function, location, "no future"));
            return out;
        }
        java.util.concurrent.atomic.AtomicReference<PluginCallException> timedOut = new java.util.concurrent.atomic.AtomicReference<>();
        inner.whenComplete((r, e) -> {
            if (e == null) {
                out.complete(r);
                return;
            }
            if (timedOut.get() != null) {
                out.completeExceptionally(timedOut.get()); // cancelled by the time-out below: report the time-out
                return;
            }
            Throwable cause = unwrap(e);
            if (cause instanceof ProviderException || cause instanceof AlertDeliveryException
                    || cause instanceof CancellationException) {
                out.completeExceptionally(cause);
            } else {
                out.completeExceptionally(PluginCallException.threw(ext.pluginId(), function, location, cause));
            }
        });
        if (!timeout.isZero() && !out.isDone()) {
            ScheduledFuture<?> watch = timer.schedule(() -> {
                // Cancel the plugin's future first, then fail the caller's: whoever sees the time-out also sees the
                // plugin's work cancelled.
                if (!out.isDone() && timedOut.compareAndSet(null, PluginCallException.timedOut(ext.pluginId(), function, location, timeout))) {
                    inner.cancel(true);
                    out.completeExceptionally(timedOut.get());
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            out.whenComplete((r, e) -> watch.cancel(false));
        }
        out.whenComplete((r, e) -> {
            if (out.isCancelled()) {
                inner.cancel(true);
            }
        });
        return out;
    }

    /**
     * Calls a policy function: checks the arguments against its declared signature, calls it with the default
     * time-out, and checks the result.
     *
     * @throws IllegalArgumentException when the arguments do not match the signature (a caller bug: the checker
     *                                  should have caught it)
     * @throws PluginCallException      when the function throws, times out, or returns a value of the wrong type
     */
    public Object invoke(PluginFunction function, List<Object> arguments, String location) {
        return invoke(function, arguments, location, defaultTimeout);
    }

    /** {@link #invoke(PluginFunction, List, String)} with an explicit time-out (zero: on the caller's thread). */
    public Object invoke(PluginFunction function, List<Object> arguments, String location, Duration timeout) {
        FunctionSignature sig = function.signature();
        if (arguments.size() != sig.parameters().size()) {
            throw new IllegalArgumentException(sig.name() + " takes " + sig.parameters().size() + " argument(s), got "
                    + arguments.size() + (location.isEmpty() ? "" : " at " + location));
        }
        List<Object> args = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            try {
                args.add(sig.parameters().get(i).coerce(arguments.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(sig.name() + " argument " + (i + 1) + ": " + e.getMessage()
                        + (location.isEmpty() ? "" : " at " + location), e);
            }
        }
        List<Object> frozen = List.copyOf(args);
        Object result = call(function.extension(), sig.name(), location, timeout, f -> f.apply(frozen));
        try {
            return sig.returns().coerce(result);
        } catch (IllegalArgumentException e) {
            throw PluginCallException.badResult(function.extension().pluginId(), sig.name(), location, e.getMessage());
        }
    }

    /**
     * Scans {@code text} with a detector and checks every finding's span lies within the text (in code points).
     *
     * @throws PluginCallException when the detector throws, times out, returns null or a span outside the text
     */
    public List<Finding> scan(PluginExtension<GuardrailDetector> detector, String text, String location, Duration timeout) {
        List<Finding> findings = call(detector, "scan", location, timeout, d -> d.scan(text));
        if (findings == null) {
            throw PluginCallException.badResult(detector.pluginId(), "scan", location, "null instead of a list");
        }
        int length = text.codePointCount(0, text.length());
        for (Finding f : findings) {
            if (f == null || f.end() > length) {
                throw PluginCallException.badResult(detector.pluginId(), "scan", location, f == null ? "a null finding"
                        : "span [" + f.start() + ", " + f.end() + ") outside the text of " + length + " code points");
            }
        }
        return List.copyOf(findings);
    }

    /** Runs plugin code: lifecycle calls use this too. */
    <R> R run(String pluginId, String function, String location, Duration timeout, ClassLoader loader, Callable<R> body) {
        if (timeout.isZero()) {
            return direct(pluginId, function, location, loader, body);
        }
        Future<R> f;
        try {
            f = pool.submit(() -> withLoader(loader, body));
        } catch (RejectedExecutionException e) {
            throw new PluginCallException(pluginId, function, location, PluginCallException.Kind.REJECTED,
                    "was not called: all " + threads + " plugin call threads are busy and " + queue + " calls are queued", e);
        }
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            pool.remove((Runnable) f); // a call that never started must not hold a queue slot
            throw PluginCallException.timedOut(pluginId, function, location, timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof OutOfMemoryError oom) {
                throw oom;
            }
            throw PluginCallException.threw(pluginId, function, location, cause);
        } catch (InterruptedException e) {
            f.cancel(true);
            pool.remove((Runnable) f);
            Thread.currentThread().interrupt();
            throw new PluginCallException(pluginId, function, location, PluginCallException.Kind.INTERRUPTED,
                    "was abandoned: the calling thread was interrupted", e);
        }
    }

    private static <R> R direct(String pluginId, String function, String location, ClassLoader loader, Callable<R> body) {
        try {
            return withLoader(loader, body);
        } catch (OutOfMemoryError oom) {
            throw oom;
        } catch (Throwable t) {
            throw PluginCallException.threw(pluginId, function, location, t);
        }
    }

    private static <R> R withLoader(ClassLoader loader, Callable<R> body) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Calls waiting for a worker; for tests. */
    int queuedCalls() {
        return pool.getQueue().size();
    }

    /** Stops the pool; calls still running are interrupted. */
    @Override
    public void close() {
        pool.shutdownNow();
        timer.shutdownNow();
    }
}
