package io.llmpolicy.bench;

import io.llmpolicy.dsl.PolicyLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + check of a generated policy of about {@code lines} lines (routes, budgets, guardrails, evals, tests).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar CheckBenchmark -prof gc}. Also measures the first,
 * cold check of a CLI run with {@code Mode.SingleShotTime}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CheckBenchmark {
    @Param({"1000"})
    int lines;

    String text;

    @Setup
    public void generate() {
        text = PolicyGenerator.policy(lines);
        PolicyLoader.Result r = PolicyLoader.loadString("bench.llmpolicy", text);
        if (!r.ok()) throw new IllegalStateException("generated policy does not check: " + r.diagnostics());
    }

    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public Object check() {
        return PolicyLoader.loadString("bench.llmpolicy", text);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Object checkCold() {
        return PolicyLoader.loadString("bench.llmpolicy", text);
    }
}
