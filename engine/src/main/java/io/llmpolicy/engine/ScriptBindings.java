package io.llmpolicy.engine;

import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.check.ScriptSettings;
import io.llmpolicy.engine.compile.PluginFunctions;
import io.llmpolicy.script.ScriptFunction;
import io.llmpolicy.script.ScriptLimits;
import io.llmpolicy.script.ScriptRuntime;
import io.llmpolicy.script.ScriptSource;
import io.llmpolicy.script.ScriptType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a policy's script functions to the sandboxed JavaScript runtime. A runtime is created on first use (a
 * policy without scripts never starts GraalVM), one per distinct set of limits, and closed with the engine. Values
 * cross by the declared types: strings, numbers, bools and lists as themselves; token counts and durations (ms) as
 * numbers; money as US dollars.
 *
 * <p>Limits: the policy's {@code scripts} block sets statements, time-out and allocation per call; what it leaves
 * out comes from the engine's defaults, and nothing may exceed the engine's ceiling (a policy asking for more is
 * refused at load, naming the setting). A reload that changes the limits binds the new policy to a runtime with the
 * new limits; the previous runtime keeps serving calls of requests decided before the swap (their contexts are
 * freed once idle) and is closed when more than {@link #MAX_RUNTIMES} limit sets have been used.
 */
final class ScriptBindings implements PluginBindings.ScriptBinder, AutoCloseable {

    /**
     * Per-call wall-clock limit when the policy sets none. The runtime's own default (50 ms) suits warm calls, but
     * the first calls of a script run in GraalVM's interpreter on a cold JVM and can take longer on a loaded
     * machine; a failed call is an absent value, so a too-tight limit would silently change decisions. Statement
     * and allocation limits still bound runaway scripts.
     */
    static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofSeconds(1);

    /** Engine defaults: 100k statements, {@link #CALL_TIMEOUT}, 64 MiB allocation, the runtime's pool size. */
    static final ScriptLimits DEFAULTS = new ScriptLimits(ScriptLimits.defaults().statementLimit(), CALL_TIMEOUT,
            ScriptLimits.defaults().maxContexts(), ScriptLimits.defaults().maxAllocatedBytesPerCall(),
            ScriptLimits.defaults().consoleOutputBytes());

    /** The language's own maxima (see {@link ScriptSettings}); an engine may set a lower ceiling. */
    static final ScriptLimits LANGUAGE_CEILING = new ScriptLimits(ScriptSettings.MAX_STATEMENTS,
            ScriptSettings.MAX_TIMEOUT, DEFAULTS.maxContexts(), ScriptSettings.MAX_ALLOCATION,
            DEFAULTS.consoleOutputBytes());

    /** Runtimes (limit sets) kept at most; each has its own contexts and watchdog thread. */
    static final int MAX_RUNTIMES = 4;

    private final Path baseDir;
    private final ScriptLimits defaults;
    private final ScriptLimits ceiling;
    /** In order of last use: the least recently bound first. Guarded by {@code this}. */
    private final java.util.LinkedHashMap<ScriptLimits, ScriptRuntime> runtimes = new java.util.LinkedHashMap<>(4, 0.75f, true);
    private boolean closed;

    ScriptBindings(Path baseDir) {
        this(baseDir, DEFAULTS, LANGUAGE_CEILING);
    }

    /**
     * @param defaults limits for settings the policy leaves out (and the pool size and console buffer)
     * @param ceiling  the most a policy may ask for, per setting
     */
    ScriptBindings(Path baseDir, ScriptLimits defaults, ScriptLimits ceiling) {
        this.baseDir = baseDir;
        this.defaults = defaults;
        this.ceiling = ceiling;
    }

    /**
     * The limits for a policy's settings under this engine's defaults and ceiling.
     *
     * @throws IllegalStateException naming the setting when the policy asks for more than the ceiling
     */
    ScriptLimits limits(ScriptSettings settings) {
        return limits(settings, defaults, ceiling);
    }

    /**
     * The limits for a policy's settings: its own values, {@code defaults} for the rest.
     *
     * @throws IllegalStateException naming the setting when the policy asks for more than {@code ceiling}
     */
    static ScriptLimits limits(ScriptSettings settings, ScriptLimits defaults, ScriptLimits ceiling) {
        long statements = settings.statements() != null ? settings.statements() : defaults.statementLimit();
        java.time.Duration timeout = settings.timeout() != null ? settings.timeout() : defaults.timeout();
        long allocation = settings.allocationBytes() != null ? settings.allocationBytes() : defaults.maxAllocatedBytesPerCall();
        above("statements", statements, ceiling.statementLimit(), Long.toString(statements));
        above("timeout", timeout.toMillis(), ceiling.timeout().toMillis(), timeout.toMillis() + "ms");
        if (ceiling.maxAllocatedBytesPerCall() > 0) {
            above("allocation", allocation == 0 ? Long.MAX_VALUE : allocation, ceiling.maxAllocatedBytesPerCall(), Long.toString(allocation));
        }
        return new ScriptLimits(statements, timeout, defaults.maxContexts(), allocation, defaults.consoleOutputBytes());
    }

    private static void above(String setting, long asked, long max, String shown) {
        if (asked > max) {
            throw new IllegalStateException("the policy's scripts block asks for " + setting + " " + shown
                    + ", above this engine's ceiling of " + max + (setting.equals("timeout") ? "ms" : "")
                    + "; lower it or raise the ceiling with PolicyEngine.Builder.scriptLimits");
        }
    }

    private synchronized ScriptRuntime runtime(ScriptLimits limits) {
        if (closed) throw new IllegalStateException("the engine is closed");
        ScriptRuntime r = runtimes.get(limits);
        if (r == null) {
            r = ScriptRuntime.builder().limits(limits).build();
            runtimes.put(limits, r);
            var oldest = runtimes.entrySet().iterator();
            while (runtimes.size() > MAX_RUNTIMES) {
                oldest.next().getValue().close();
                oldest.remove();
            }
        }
        return r;
    }

    /**
     * After a reload to a policy with {@code current} limits: frees the idle contexts of every other runtime (they
     * still serve requests decided before the swap, creating a context again if they must).
     */
    synchronized void retire(ScriptSettings current) {
        ScriptLimits keep = limits(current);
        for (var e : runtimes.entrySet()) {
            if (!e.getKey().equals(keep)) e.getValue().evictIdleContexts();
        }
    }

    /** Runtimes alive, for tests and monitoring. */
    synchronized int runtimeCount() {
        return runtimes.size();
    }

    @Override
    public PluginFunctions.Call bind(Decl.Function d, ScriptSettings settings) {
        Decl.Script script = d.script();
        ScriptSource source;
        if (script.file() != null) {
            Path file = baseDir.resolve(script.file());
            try {
                source = new ScriptSource(script.file(), Files.readString(file, StandardCharsets.UTF_8), 1, 1);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read script " + file + " for function " + d.name().text() + ": " + e.getMessage(), e);
            }
        } else {
            source = new ScriptSource(script.codeSpan().file(), script.code(), script.codeSpan().line(), script.codeSpan().column());
        }
        List<ScriptType> params = new ArrayList<>();
        for (Decl.Param p : d.params()) params.add(ScriptType.parse(p.type().text()));
        ScriptType returns = ScriptType.parse(d.returns().text());
        ScriptFunction fn;
        try {
            fn = runtime(limits(settings)).compile(source, d.name().text(), params, returns);
        } catch (io.llmpolicy.script.ScriptException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        List<String> paramKinds = d.params().stream().map(p -> p.type().name()).toList();
        String returnKind = d.returns().name();
        return args -> {
            Object[] converted = new Object[args.length];
            for (int i = 0; i < args.length; i++) converted[i] = toScript(args[i], paramKinds.get(i));
            return fromScript(fn.call(converted), returnKind);
        };
    }

    private static Object toScript(Object v, String kind) {
        return switch (kind) {
            case "money" -> BigDecimal.valueOf(((Number) v).longValue(), 9).doubleValue();
            case "tokens", "duration", "requests" -> ((Number) v).doubleValue();
            default -> v;
        };
    }

    private static Object fromScript(Object v, String kind) {
        if (v == null) return null;
        return switch (kind) {
            case "money" -> BigDecimal.valueOf(((Number) v).doubleValue()).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            case "tokens", "duration", "requests" -> Math.round(((Number) v).doubleValue());
            case "number", "percent" -> ((Number) v).doubleValue();
            default -> v;
        };
    }

    @Override
    public synchronized void close() {
        closed = true;
        runtimes.values().forEach(ScriptRuntime::close);
        runtimes.clear();
    }
}
