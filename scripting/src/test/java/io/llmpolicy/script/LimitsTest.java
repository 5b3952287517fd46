package io.llmpolicy.script;

import static io.llmpolicy.script.TestRuntimes.await;
import static io.llmpolicy.script.TestRuntimes.fails;
import static io.llmpolicy.script.TestRuntimes.fn;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runaway scripts are stopped by the configured limit with a clear error, and the runtime keeps serving: the
 * next call, and calls running at the same time, succeed. Each limit gets its own runtime so that it is the only
 * limit a runaway script can reach.
 */
@Timeout(120)
class LimitsTest {

    private static final String GOOD = "function add(a, b) { return a + b; }";
    private static ScriptRuntime statements;
    private static ScriptRuntime clock;
    private static ScriptRuntime memory;

    @BeforeAll
    static void start() {
        statements = ScriptRuntime.builder().statementLimit(10_000).timeout(Duration.ofSeconds(30)).maxContexts(2)
                .build();
        clock = ScriptRuntime.builder().statementLimit(Long.MAX_VALUE).timeout(Duration.ofMillis(300)).maxContexts(3)
                .build();
        memory = ScriptRuntime.builder().statementLimit(Long.MAX_VALUE).timeout(Duration.ofSeconds(30))
                .maxAllocatedBytesPerCall(8L << 20).maxContexts(2).build();
    }

    @AfterAll
    static void stop() {
        statements.close();
        clock.close();
        memory.close();
    }

    @Test
    void statementLimit_infiniteLoop_isStoppedAndContextReplaced() {
        ScriptFunction spin = fn(statements, "function spin() {\n  while (true) {}\n}", "spin", ScriptType.NUMBER);
        ScriptFunction add = fn(statements, GOOD, "add", ScriptType.NUMBER, ScriptType.NUMBER, ScriptType.NUMBER);
        long discardedBefore = statements.stats().discarded();

        ScriptException e = fails(spin, ScriptException.Kind.STATEMENT_LIMIT);

        assertThat(e.detail()).isEqualTo("executed more than 10000 statements in one call");
        assertThat(e.line()).isEqualTo(2);
        assertThat(statements.stats().discarded()).isEqualTo(discardedBefore + 1);
        assertThat(add.call(2, 3)).isEqualTo(5.0);
    }

    @Test
    void statementLimit_countsPerCall_notPerContext() {
        ScriptFunction sum = fn(statements, "function sum(n) { let s = 0; for (let i = 0; i < n; i++) { s += i; } return s; }",
                "sum", ScriptType.NUMBER, ScriptType.NUMBER);

        for (int i = 0; i < 50; i++) {
            assertThat(sum.call(1000)).isEqualTo(499_500.0);
        }
        fails(sum, ScriptException.Kind.STATEMENT_LIMIT, 1_000_000);
        assertThat(sum.call(10)).isEqualTo(45.0);
    }

    @Test
    void timeout_loopWithoutStatementLimit_isStoppedByWatchdog() {
        ScriptFunction spin = fn(clock, "function spin() { while (true) {} }", "spin", ScriptType.NUMBER);
        ScriptFunction add = fn(clock, GOOD, "add", ScriptType.NUMBER, ScriptType.NUMBER, ScriptType.NUMBER);

        ScriptException e = fails(spin, ScriptException.Kind.TIMEOUT);

        assertThat(e.detail()).isEqualTo("did not finish within 300 ms (wall clock); the call was stopped");
        assertThat(add.call(1, 1)).isEqualTo(2.0);
    }

    @Test
    void timeout_otherCallsSucceedWhileOneRunsAway() throws Exception {
        ScriptFunction spin = fn(clock, "function spin() { while (true) {} }", "spin", ScriptType.NUMBER);
        ScriptFunction add = fn(clock, GOOD, "add", ScriptType.NUMBER, ScriptType.NUMBER, ScriptType.NUMBER);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<ScriptException.Kind> runaway = pool.submit(() -> {
                try {
                    spin.call();
                    return null;
                } catch (ScriptException e) {
                    return e.kind();
                }
            });
            await(() -> clock.stats().contexts() - clock.stats().idleContexts() >= 1 || runaway.isDone());
            List<Future<Object>> good = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int k = t;
                good.add(pool.submit(() -> add.call(k, 100)));
            }

            assertThat(good.get(0).get()).isEqualTo(100.0);
            assertThat(good.get(1).get()).isEqualTo(101.0);
            assertThat(runaway.get()).isEqualTo(ScriptException.Kind.TIMEOUT);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void allocationLimit_growingArray_isStopped() {
        ScriptFunction hog = fn(memory, "function hog() { const a = []; while (true) { a.push('x'.repeat(1024) + a.length); } }",
                "hog", ScriptType.NUMBER);
        ScriptFunction add = fn(memory, GOOD, "add", ScriptType.NUMBER, ScriptType.NUMBER, ScriptType.NUMBER);

        ScriptException e = fails(hog, ScriptException.Kind.RESOURCE_LIMIT);

        assertThat(e.detail()).isEqualTo("allocated more than 8388608 bytes in one call; the call was stopped");
        assertThat(add.call(20, 22)).isEqualTo(42.0);
    }

    @Test
    void allocationLimit_hugeArrayInOneBuiltIn_isStoppedWhileOtherCallsRun() throws Exception {
        ScriptFunction fill = fn(memory, "function fill() { return new Array(1e9).fill(0).length; }", "fill",
                ScriptType.NUMBER);
        ScriptFunction add = fn(memory, GOOD, "add", ScriptType.NUMBER, ScriptType.NUMBER, ScriptType.NUMBER);

        CompletableFuture<ScriptException.Kind> runaway = CompletableFuture.supplyAsync(
                () -> fails(fill, ScriptException.Kind.RESOURCE_LIMIT).kind());
        Object during = add.call(1, 2);

        assertThat(runaway.get()).isEqualTo(ScriptException.Kind.RESOURCE_LIMIT);
        assertThat(during).isEqualTo(3.0);
        assertThat(add.call(3, 4)).isEqualTo(7.0);
    }

    @Test
    void engineLimits_hugeStringsAndBuffers_areRangeErrors() {
        ScriptFunction string = fn("function big() { return 'x'.repeat(2 ** 30).length; }", "big", ScriptType.NUMBER);
        ScriptFunction buffer = fn("function buf() { return new ArrayBuffer(2 ** 31).byteLength; }", "buf",
                ScriptType.NUMBER);

        assertThat(fails(string, ScriptException.Kind.RUNTIME_ERROR).detail()).contains("RangeError");
        assertThat(fails(buffer, ScriptException.Kind.RUNTIME_ERROR).detail()).contains("RangeError");
    }

    @Test
    void deepRecursion_isContained_andRuntimeKeepsServing() {
        ScriptFunction deep = fn("function deep(n) { return deep(n + 1) + 1; }", "deep", ScriptType.NUMBER,
                ScriptType.NUMBER);
        ScriptFunction add = fn(GOOD, "add", ScriptType.NUMBER, ScriptType.NUMBER, ScriptType.NUMBER);

        ScriptException e = catchFailure(deep);

        assertThat(e.kind()).isIn(ScriptException.Kind.RUNTIME_ERROR, ScriptException.Kind.STATEMENT_LIMIT);
        if (e.kind() == ScriptException.Kind.RUNTIME_ERROR) {
            assertThat(e.detail()).contains("RangeError");
        }
        assertThat(add.call(1, 2)).isEqualTo(3.0);
    }

    private static ScriptException catchFailure(ScriptFunction f) {
        try {
            f.call(0);
        } catch (ScriptException e) {
            return e;
        }
        throw new AssertionError(f + " should have failed");
    }
}
