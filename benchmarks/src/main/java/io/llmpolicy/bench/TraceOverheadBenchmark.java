package io.llmpolicy.bench;

import io.llmpolicy.engine.Decision;
import io.llmpolicy.engine.LlmRequest;
import io.llmpolicy.engine.LlmResponse;
import io.llmpolicy.engine.PolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code decide} + {@code complete} on the same policy with and without a Chronicle Queue trace: the difference is
 * what tracing costs per request. Sample mode gives p50/p99/p99.9.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar TraceOverheadBenchmark -prof gc}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dchronicle.analytics.disable=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TraceOverheadBenchmark {
    PolicyEngine plain;
    PolicyEngine traced;
    PolicyEngine tracedAsync;
    LlmRequest[] requests;
    LlmResponse response;
    int next;
    Path dir;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("trace-bench");
        Path policy = DecideBenchmark.write(dir, "p", DecideBenchmark.policy(100, true));
        plain = PolicyEngine.builder().policy(policy).build();
        traced = PolicyEngine.builder().policy(policy).traceDir(dir.resolve("trace")).build();
        tracedAsync = PolicyEngine.builder().policy(policy).traceDir(dir.resolve("trace-async")).asyncTrace(true).build();
        requests = new LlmRequest[64];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = LlmRequest.builder("req-" + i).user("hello").inputTokens(200).maxTokens(256)
                    .attribute("team", "team-" + i % 100).attribute("user", "u" + i).attribute("tags", java.util.List.of()).build();
        }
        response = LlmResponse.success("ok", 210, 120, 800);
    }

    @TearDown(Level.Trial)
    public void close() {
        plain.close();
        traced.close();
        tracedAsync.close();
        TempDirs.delete(dir);
    }

    @Benchmark
    public Object withoutTrace() {
        Decision d = plain.decide(requests[next++ & 63]);
        return plain.complete(d, response);
    }

    /** The record is built on the request thread and appended by the engine's background trace writer. */
    @Benchmark
    public Object withAsyncTrace() {
        Decision d = tracedAsync.decide(requests[next++ & 63]);
        return tracedAsync.complete(d, response);
    }

    @Benchmark
    public Object withTrace() {
        Decision d = traced.decide(requests[next++ & 63]);
        return traced.complete(d, response);
    }

    /**
     * Paced variants: {@link #WORK} units of {@link Blackhole#consumeCPU} (a few microseconds: the caller's own
     * work between requests) before each request, the same in every variant, so the difference between them is
     * what tracing adds to a request at a high but sustainable rate — about 200,000 requests per second per
     * thread instead of the saturating back-to-back loop, where a background writer can never catch up.
     */
    static final long WORK = 2_000;

    @Benchmark
    public Object pacedWithoutTrace() {
        Blackhole.consumeCPU(WORK);
        Decision d = plain.decide(requests[next++ & 63]);
        return plain.complete(d, response);
    }

    @Benchmark
    public Object pacedWithTrace() {
        Blackhole.consumeCPU(WORK);
        Decision d = traced.decide(requests[next++ & 63]);
        return traced.complete(d, response);
    }

    @Benchmark
    public Object pacedWithAsyncTrace() {
        Blackhole.consumeCPU(WORK);
        Decision d = tracedAsync.decide(requests[next++ & 63]);
        return tracedAsync.complete(d, response);
    }
}
