package io.llmpolicy.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One runtime shared by the test classes that need default limits (GraalVM start-up and context creation are
 * the slow part of this module's tests). Its time-out is generous because the build machine is shared and
 * interpreted JavaScript is slow when cold; the limit tests build their own runtimes with tight limits.
 */
final class TestRuntimes {

    private static ScriptRuntime shared;

    private TestRuntimes() {
    }

    static synchronized ScriptRuntime shared() {
        if (shared == null) {
            shared = ScriptRuntime.builder().timeout(Duration.ofSeconds(10)).maxContexts(8).build();
        }
        return shared;
    }

    /** Compiles {@code code} (a script starting at line 1, column 1 of {@code test.js}) in the shared runtime. */
    static ScriptFunction fn(String code, String name, ScriptType returns, ScriptType... params) {
        return fn(shared(), code, name, returns, params);
    }

    static ScriptFunction fn(ScriptRuntime runtime, String code, String name, ScriptType returns,
                             ScriptType... params) {
        return runtime.compile(ScriptSource.of("test.js", code), name, Arrays.asList(params), returns);
    }

    /** Calls {@code f} expecting a failure of {@code kind}; returns it for further checks. */
    static ScriptException fails(ScriptFunction f, ScriptException.Kind kind, Object... args) {
        ScriptException e = catchThrowableOfType(ScriptException.class, () -> f.call(args));
        assertThat(e).as("call of %s should fail with %s", f, kind).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }

    /** Waits (spinning, no sleeping) until {@code condition} holds; fails after a minute. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not reached within a minute").isNegative();
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }
}
