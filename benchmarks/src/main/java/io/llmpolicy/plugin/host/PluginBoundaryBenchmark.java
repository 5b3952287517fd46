package io.llmpolicy.plugin.host;

import io.llmpolicy.plugin.FunctionSignature;
import io.llmpolicy.plugin.PolicyFunction;
import io.llmpolicy.plugin.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the plugin boundary adds to a call of a trivial plugin function ({@code len(text) > 3}): {@code direct}
 * runs it on the caller's thread with only exceptions and the result's type checked (time-out zero: how the engine
 * calls detectors and functions on the request path); {@code withTimeout} hands it to the bounded plugin-call pool
 * and waits at most 1 s (how calls that may hang run); {@code bare} calls the function without the boundary.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar PluginBoundaryBenchmark -prof gc}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PluginBoundaryBenchmark {
    PluginBoundary boundary;
    PluginFunction function;
    List<Object> arguments;

    @Setup(Level.Trial)
    public void setup() {
        boundary = new PluginBoundary(Duration.ofSeconds(1), 4, 64);
        FunctionSignature signature = new FunctionSignature("bench.longer_than_three", List.of(ValueType.STRING),
                ValueType.BOOL, "true when the text has more than three characters");
        PolicyFunction longer = new PolicyFunction() {
            @Override
            public FunctionSignature signature() {
                return signature;
            }

            @Override
            public Object apply(List<Object> args) {
                return ((String) args.get(0)).length() > 3;
            }
        };
        function = new PluginFunction(new PluginExtension<>("bench", "1.0.0", longer), signature);
        arguments = List.of("hello world");
    }

    @TearDown(Level.Trial)
    public void close() {
        boundary.close();
    }

    @Benchmark
    public Object bare() {
        return function.extension().extension().apply(arguments);
    }

    @Benchmark
    public Object direct() {
        return boundary.invoke(function, arguments, "bench:1:1", Duration.ZERO);
    }

    @Benchmark
    public Object withTimeout() {
        return boundary.invoke(function, arguments, "bench:1:1", Duration.ofSeconds(1));
    }
}
