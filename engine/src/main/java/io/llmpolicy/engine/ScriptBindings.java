package io.llmpolicy.engine;

import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.engine.compile.PluginFunctions;
import io.llmpolicy.script.ScriptFunction;
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
 * Binds a policy's script functions to the sandboxed JavaScript runtime. The runtime is created on first use (a
 * policy without scripts never starts GraalVM) and closed with the engine. Values cross by the declared types:
 * strings, numbers, bools and lists as themselves; token counts and durations (ms) as numbers; money as US dollars.
 */
final class ScriptBindings implements PluginBindings.ScriptBinder, AutoCloseable {
    private final Path baseDir;
    private ScriptRuntime runtime;

    ScriptBindings(Path baseDir) {
        this.baseDir = baseDir;
    }

    /**
     * Per-call wall-clock limit. The runtime's own default (50 ms) suits warm calls, but the first calls of a script
     * run in GraalVM's interpreter on a cold JVM and can take longer on a loaded machine; a failed call is an absent
     * value, so a too-tight limit would silently change decisions. Statement and allocation limits still bound
     * runaway scripts.
     */
    static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofSeconds(1);

    private synchronized ScriptRuntime runtime() {
        if (runtime == null) runtime = ScriptRuntime.builder().timeout(CALL_TIMEOUT).build();
        return runtime;
    }

    @Override
    public PluginFunctions.Call bind(Decl.Function d) {
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
            fn = runtime().compile(source, d.name().text(), params, returns);
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
        if (runtime != null) runtime.close();
    }
}
