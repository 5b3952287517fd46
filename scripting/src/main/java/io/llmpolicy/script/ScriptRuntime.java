package io.llmpolicy.script;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Compiles and runs sandboxed JavaScript policy functions on GraalVM Polyglot. One per policy engine (or per
 * loaded policy, when policies set their own limits); close it with the policy.
 *
 * <p>Design: one shared polyglot {@link Engine} (parsed code is cached across contexts), a pool of at most
 * {@link ScriptLimits#maxContexts()} locked-down contexts, each used by one call at a time, and one watchdog thread
 * for wall-clock and allocation limits. Every call runs the script's top level afresh inside a factory function
 * (fresh bindings per call) in a context whose built-ins and global object are frozen (see {@code lockdown.js}),
 * so no state survives from one call to the next. A context is discarded when a call hit a limit, was stopped or
 * failed inside the engine; a script that merely throws leaves its context reusable. See {@code docs/scripting.md}.
 *
 * <p>Threading: thread-safe. {@link #compile} and {@link ScriptFunction#call} may be called from any number of
 * threads; each call runs on the calling thread. {@link #close} cancels running calls (they fail with
 * {@link ScriptException.Kind#CANCELLED}) and frees the contexts and the engine.
 */
public final class ScriptRuntime implements AutoCloseable {

    /** Pool figures, for monitoring and tests. */
    public record Stats(int contexts, int idleContexts, long created, long discarded) {
    }

    /**
     * Compiling happens when a policy loads, often in a cold JVM where the first parse and run of a script take far
     * longer than a warm call; it gets this much wall-clock time (or the call time-out, if longer).
     */
    static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(5);

    private final ScriptLimits limits;
    private final Engine engine;
    private final ContextPool pool;
    private final Watchdog watchdog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ScriptRuntime(ScriptLimits limits) {
        this.limits = limits;
        this.engine = Sandbox.newEngine();
        this.pool = new ContextPool(engine, Sandbox.limits(limits.statementLimit()), limits.maxContexts(),
                limits.consoleOutputBytes());
        this.watchdog = new Watchdog(pool.live, limits.maxAllocatedBytesPerCall());
    }

    /** A runtime with {@link ScriptLimits#defaults()}. */
    public static ScriptRuntime create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ScriptLimits limits() {
        return limits;
    }

    public Stats stats() {
        return pool.stats();
    }

    /**
     * Closes every idle context (running calls keep theirs); later calls create contexts again as needed. Frees
     * memory after a burst of concurrent calls; each new context costs tens of milliseconds when first used (see
     * {@code docs/scripting.md}).
     */
    public void evictIdleContexts() {
        pool.evictIdle();
    }

    /**
     * The polyglot engine's implementation: {@code "Interpreted"} without the optimizing Truffle runtime (the
     * default on a stock JDK), {@code "GraalVM CE"} or similar with it (see {@code docs/scripting.md}).
     */
    public String engineImplementation() {
        return engine.getImplementationName();
    }

    /**
     * Parses {@code source}, runs its top level once in a sandboxed context and binds {@code functionName}.
     * Runs under the statement and allocation limits, with a wall-clock budget of the call time-out or
     * {@link #COMPILE_TIMEOUT} (5 s), whichever is longer: compiling is a policy-load step, often in a cold JVM.
     *
     * @param source       the script and its position in the policy
     * @param functionName the JavaScript function the policy calls; the script must declare it
     * @param parameters   declared parameter types, in order
     * @param returns      declared result type
     * @return a thread-safe callable function
     * @throws ScriptCompileException with the policy line and column when the script does not parse
     *         ({@code SYNTAX}), does not define the function or defines something else under that name
     *         ({@code MISSING_FUNCTION}), declares more parameters than the signature ({@code TYPE_MISMATCH}), or
     *         its top level throws or hits a limit
     * @throws IllegalStateException if the runtime is closed
     */
    public ScriptFunction compile(ScriptSource source, String functionName, List<ScriptType> parameters,
                                  ScriptType returns) {
        Objects.requireNonNull(source, "source");
        List<ScriptType> params = List.copyOf(Objects.requireNonNull(parameters, "parameters"));
        Objects.requireNonNull(returns, "returns");
        if (closed.get()) {
            throw new IllegalStateException("this ScriptRuntime is closed");
        }
        if (!CompiledScript.isFunctionName(functionName)) {
            int[] at = {source.startLine(), source.startColumn()};
            throw new ScriptCompileException(ScriptException.Kind.MISSING_FUNCTION, source.name(),
                    String.valueOf(functionName), at[0], at[1], "'" + functionName
                    + "' is not a JavaScript function name (letters, digits, _ and $, not a reserved word)", "");
        }
        CompiledScript script = new CompiledScript(source, functionName);
        Duration budget = limits.timeout().compareTo(COMPILE_TIMEOUT) > 0 ? limits.timeout() : COMPILE_TIMEOUT;
        run(script, true, budget, pc -> {
            pc.context.parse(script.parseSource);
            Value fn = pc.factory(script).execute();
            if (fn.isNull()) {
                throw new Problem(ScriptException.Kind.MISSING_FUNCTION, script.start(),
                        "the script does not define a function named " + functionName);
            }
            if (!fn.canExecute()) {
                throw new Problem(ScriptException.Kind.MISSING_FUNCTION, script.start(),
                        functionName + " is " + Boundary.describe(fn) + ", not a function");
            }
            int[] at = script.locate(fn.getSourceLocation());
            if (at == null) {
                throw new Problem(ScriptException.Kind.MISSING_FUNCTION, script.start(), functionName
                        + " is a JavaScript built-in; the script must define its own function " + functionName);
            }
            script.declaredAt(at);
            Value length = fn.getMember("length");
            if (length != null && length.fitsInInt() && length.asInt() > params.size()) {
                throw new Problem(ScriptException.Kind.TYPE_MISMATCH, at, "function " + functionName + " declares "
                        + length.asInt() + " parameters but the policy passes " + params.size() + " " + params);
            }
            return null;
        });
        return new ScriptFunction(this, script, params, returns);
    }

    /** Runs a compiled function with arguments already checked by {@link Boundary#prepareArguments}. */
    Object call(CompiledScript script, Object[] prepared, ScriptType returns) {
        return run(script, false, limits.timeout(), pc -> {
            Value fn = pc.factory(script).execute();
            Object[] args = prepared;
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Object[] list) {
                    if (args == prepared) {
                        args = prepared.clone();
                    }
                    args[i] = pc.array(list);
                }
            }
            if (!fn.canExecute()) {
                throw new Problem(ScriptException.Kind.RUNTIME_ERROR, script.start(), "the script's top level did "
                        + "not define function " + script.functionName + " in this call");
            }
            return Boundary.result(fn.execute(args), returns);
        });
    }

    /** Work done with a context; may throw polyglot exceptions, {@link Boundary.Mismatch} or {@link Problem}. */
    private interface Body<T> {
        T run(PooledContext pc);
    }

    /** A failure found by our own checks, with the policy position to report. */
    private static final class Problem extends RuntimeException {
        final ScriptException.Kind kind;
        final int[] at;

        Problem(ScriptException.Kind kind, int[] at, String message) {
            super(message, null, false, false);
            this.kind = kind;
            this.at = at;
        }
    }

    /**
     * Lends a context to {@code body} under the limits: publishes the call to the watchdog, translates every
     * failure, and returns the context to the pool (or drops it when the failure may have left it unusable).
     */
    private <T> T run(CompiledScript script, boolean compiling, Duration budget, Body<T> body) {
        PooledContext pc;
        try {
            pc = pool.acquire(budget.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.create(ScriptException.Kind.CANCELLED, script, null,
                    "interrupted while waiting for a script context", "", null, compiling);
        } catch (IllegalStateException e) {
            throw Failures.create(ScriptException.Kind.CANCELLED, script, null, "the script runtime is closed", "",
                    null, compiling);
        }
        if (pc == null) {
            throw Failures.create(ScriptException.Kind.TIMEOUT, script, null, "no script context became free within "
                    + budget.toMillis() + " ms (all " + limits.maxContexts() + " are busy)", "", null, compiling);
        }
        PooledContext.Call call = pc.begin(budget.toNanos(), limits.maxAllocatedBytesPerCall());
        watchdog.callStarted();
        T result = null;
        RuntimeException failure = null;
        boolean healthy = false;
        try {
            try {
                result = body.run(pc);
            } catch (RuntimeException e) {
                failure = e;
            }
            PooledContext.Stop stop = pc.end(call);
            healthy = stop == null && (failure == null || failure instanceof Boundary.Mismatch
                    || failure instanceof Problem
                    || failure instanceof PolyglotException pe && !Failures.breaksContext(pe));
            if (healthy) {
                healthy = resetLimits(pc);
            }
            if (stop == null && failure == null) {
                return result;
            }
            throw translate(failure, stop, script, pc, compiling);
        } finally {
            watchdog.callEnded();
            pool.release(pc, healthy);
        }
    }

    /** Resets the statement counter for the next call; a context that cannot be reset is not reused. */
    private static boolean resetLimits(PooledContext pc) {
        try {
            pc.context.resetLimits();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private ScriptException translate(RuntimeException failure, PooledContext.Stop stop, CompiledScript script,
                                      PooledContext pc, boolean compiling) {
        String console = pc.console.text();
        if (failure instanceof PolyglotException pe) {
            return Failures.of(pe, stop, script, limits, console, compiling);
        }
        if (stop != null) {
            return Failures.create(stop.kind(), script, null, stop.detail(), console, null, compiling);
        }
        if (failure instanceof Boundary.Mismatch m) {
            return Failures.create(ScriptException.Kind.TYPE_MISMATCH, script, script.declaredAt(), m.getMessage(),
                    console, null, compiling);
        }
        if (failure instanceof Problem p) {
            return Failures.create(p.kind, script, p.at, p.getMessage(), console, null, compiling);
        }
        if (failure instanceof IllegalStateException && closed.get()) {
            return Failures.create(ScriptException.Kind.CANCELLED, script, null, "the script runtime was closed "
                    + "during the call", console, null, compiling);
        }
        return Failures.create(ScriptException.Kind.RUNTIME_ERROR, script, null, "unexpected failure at the script "
                + "boundary: " + failure, console, failure, compiling);
    }

    /** Cancels running calls, closes every context and the engine, stops the watchdog. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pool.close();
        watchdog.shutdown();
        try {
            engine.close(true);
        } catch (RuntimeException e) {
            // A context still closing on another thread; the engine goes with it.
        }
    }

    /** Builds a {@link ScriptRuntime}; every setting defaults to {@link ScriptLimits#defaults()}. Not thread-safe. */
    public static final class Builder {
        private ScriptLimits limits = ScriptLimits.defaults();

        private Builder() {
        }

        /** Statements one call may execute (default 100,000). */
        public Builder statementLimit(long statements) {
            limits = new ScriptLimits(statements, limits.timeout(), limits.maxContexts(),
                    limits.maxAllocatedBytesPerCall(), limits.consoleOutputBytes());
            return this;
        }

        /** Wall-clock time one call may run, and wait for a context (default 50 ms; at least 1 ms). */
        public Builder timeout(Duration timeout) {
            limits = new ScriptLimits(limits.statementLimit(), timeout, limits.maxContexts(),
                    limits.maxAllocatedBytesPerCall(), limits.consoleOutputBytes());
            return this;
        }

        /** Contexts in the pool (default two per processor, at least 2). */
        public Builder maxContexts(int contexts) {
            limits = new ScriptLimits(limits.statementLimit(), limits.timeout(), contexts,
                    limits.maxAllocatedBytesPerCall(), limits.consoleOutputBytes());
            return this;
        }

        /** Bytes one call may allocate (default 64 MiB; 0 = unchecked). */
        public Builder maxAllocatedBytesPerCall(long bytes) {
            limits = new ScriptLimits(limits.statementLimit(), limits.timeout(), limits.maxContexts(), bytes,
                    limits.consoleOutputBytes());
            return this;
        }

        /** Console output kept per call for error reports (default 4 KiB). */
        public Builder consoleOutputBytes(int bytes) {
            limits = new ScriptLimits(limits.statementLimit(), limits.timeout(), limits.maxContexts(),
                    limits.maxAllocatedBytesPerCall(), bytes);
            return this;
        }

        public Builder limits(ScriptLimits all) {
            limits = Objects.requireNonNull(all, "limits");
            return this;
        }

        public ScriptRuntime build() {
            return new ScriptRuntime(limits);
        }
    }
}
