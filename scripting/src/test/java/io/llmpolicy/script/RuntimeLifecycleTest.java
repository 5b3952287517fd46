package io.llmpolicy.script;

import static io.llmpolicy.script.TestRuntimes.await;
import static io.llmpolicy.script.TestRuntimes.fails;
import static io.llmpolicy.script.TestRuntimes.fn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class RuntimeLifecycleTest {

    @Test
    void close_cancelsRunningCall_andLaterCallsAreCancelled() throws Exception {
        ScriptRuntime runtime = ScriptRuntime.builder().statementLimit(Long.MAX_VALUE).timeout(Duration.ofMinutes(5))
                .maxContexts(2).build();
        ScriptFunction spin = fn(runtime, "function spin() { while (true) {} }", "spin", ScriptType.NUMBER);
        ScriptFunction add = fn(runtime, "function add(a, b) { return a + b; }", "add", ScriptType.NUMBER,
                ScriptType.NUMBER, ScriptType.NUMBER);
        CompletableFuture<ScriptException> running = CompletableFuture.supplyAsync(
                () -> fails(spin, ScriptException.Kind.CANCELLED));
        await(() -> runtime.stats().contexts() - runtime.stats().idleContexts() >= 1);

        runtime.close();

        assertThat(running.get().kind()).isEqualTo(ScriptException.Kind.CANCELLED);
        assertThat(fails(add, ScriptException.Kind.CANCELLED, 1, 2).detail()).isEqualTo("the script runtime is closed");
        assertThatThrownBy(() -> fn(runtime, "function g() { return 1; }", "g", ScriptType.NUMBER))
                .isInstanceOf(IllegalStateException.class);
        assertThat(runtime.stats().contexts()).isZero();
        runtime.close();
    }

    @Test
    void call_fromInterruptedThread_isCancelledAndKeepsTheInterrupt() {
        ScriptFunction add = fn("function add(a, b) { return a + b; }", "add", ScriptType.NUMBER, ScriptType.NUMBER,
                ScriptType.NUMBER);
        assertThat(add.call(1, 2)).isEqualTo(3.0);
        ScriptException e;
        boolean stillInterrupted;
        Thread.currentThread().interrupt();
        try {
            e = fails(add, ScriptException.Kind.CANCELLED, 1, 2);
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(e.detail()).isEqualTo("interrupted while waiting for a script context");
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void scriptError_keepsContextInPool_butLimitHitDiscardsIt() {
        ScriptRuntime runtime = ScriptRuntime.builder().statementLimit(1_000).maxContexts(1)
                .timeout(Duration.ofSeconds(30)).build();
        try (runtime) {
            ScriptFunction thrower = fn(runtime, "function t() { throw new Error('no'); }", "t", ScriptType.NUMBER);
            ScriptFunction spin = fn(runtime, "function spin() { for (;;) {} }", "spin", ScriptType.NUMBER);

            fails(thrower, ScriptException.Kind.RUNTIME_ERROR);
            ScriptRuntime.Stats afterError = runtime.stats();
            fails(spin, ScriptException.Kind.STATEMENT_LIMIT);
            ScriptRuntime.Stats afterLimit = runtime.stats();

            assertThat(afterError).isEqualTo(new ScriptRuntime.Stats(1, 1, 1, 0));
            assertThat(afterLimit).isEqualTo(new ScriptRuntime.Stats(0, 0, 1, 1));
        }
    }

    @Test
    void evictIdleContexts_dropsIdleContexts_andNextCallCreatesOne() {
        try (ScriptRuntime runtime = ScriptRuntime.builder().maxContexts(2).timeout(Duration.ofSeconds(30)).build()) {
            ScriptFunction add = fn(runtime, "function add(a, b) { return a + b; }", "add", ScriptType.NUMBER,
                    ScriptType.NUMBER, ScriptType.NUMBER);

            runtime.evictIdleContexts();
            ScriptRuntime.Stats evicted = runtime.stats();
            Object sum = add.call(2, 2);

            assertThat(evicted).isEqualTo(new ScriptRuntime.Stats(0, 0, 1, 1));
            assertThat(sum).isEqualTo(4.0);
            assertThat(runtime.stats()).isEqualTo(new ScriptRuntime.Stats(1, 1, 2, 1));
        }
    }

    @Test
    void defaults_areTheDocumentedOnes() {
        ScriptLimits d = ScriptLimits.defaults();

        assertThat(d.statementLimit()).isEqualTo(100_000);
        assertThat(d.timeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(d.maxContexts()).isGreaterThanOrEqualTo(2);
        assertThat(d.maxAllocatedBytesPerCall()).isEqualTo(64L << 20);
        assertThatThrownBy(() -> ScriptRuntime.builder().timeout(Duration.ofNanos(10)))
                .hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> ScriptRuntime.builder().maxContexts(0)).hasMessageContaining("at least 1");
        assertThat(TestRuntimes.shared().engineImplementation()).isNotBlank();
        assertThat(List.of(ScriptException.Kind.values())).hasSize(8);
    }
}
