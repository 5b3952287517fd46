package io.llmpolicy.bench;

import io.llmpolicy.engine.Decision;
import io.llmpolicy.engine.LlmRequest;
import io.llmpolicy.engine.LlmResponse;
import io.llmpolicy.engine.PolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Settlement: {@code complete} prices the real usage (uncached, cached and output tokens), settles every budget the
 * decision reserved and updates the latency average. A decision settles once, so each operation decides and
 * completes; {@code decideAndRelease} releases the reservation instead (a failed call), so the difference is
 * pricing and settling the real usage. Budgets: 1 (per team) or 3 (per team, per user, per model in a rolling window).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar CompleteBenchmark -prof gc}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CompleteBenchmark {
    @Param({"1", "3"})
    int budgets;

    PolicyEngine engine;
    LlmRequest[] requests;
    LlmResponse response;
    int next;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path dir = Files.createTempDirectory("complete-bench");
        StringBuilder p = new StringBuilder(DecideBenchmark.policy(100, true));
        if (budgets == 3) {
            p.append("budget per_user by request.user { limit 100B tokens per day }\n")
                    .append("budget per_model by target { limit $1000000 per rolling 1h }\n");
        }
        engine = PolicyEngine.builder().policy(DecideBenchmark.write(dir, "p", p.toString())).build();
        requests = new LlmRequest[64];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = LlmRequest.builder("req-" + i).user("hello").inputTokens(200).maxTokens(256)
                    .attribute("team", "team-" + i % 100).attribute("user", "u" + i).attribute("tags", List.of()).build();
        }
        response = LlmResponse.success("ok", 210, 120, 800).withCachedInputTokens(64);
    }

    @Benchmark
    public Object decideAndRelease() {
        Decision d = engine.decide(requests[next++ & 63]);
        engine.complete(d, LlmResponse.failure("bad_request", 0)); // release, so budgets never fill up
        return d;
    }

    @Benchmark
    public Object decideAndComplete() {
        Decision d = engine.decide(requests[next++ & 63]);
        return engine.complete(d, response);
    }
}
