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
 * {@code decide} on policies of 10 to 10,000 routing rules keyed by team (no text scanning: requests carry their
 * token count), and {@code decide} + {@code complete} with a per-team budget.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar DecideBenchmark -prof gc}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecideBenchmark {
    @Param({"10", "100", "1000", "10000"})
    int rules;

    PolicyEngine routing;
    PolicyEngine budgeted;
    LlmRequest[] requests;
    int next;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path dir = Files.createTempDirectory("bench");
        routing = PolicyEngine.builder().policy(write(dir, "routing", policy(rules, false))).build();
        budgeted = PolicyEngine.builder().policy(write(dir, "budgeted", policy(rules, true))).build();
        requests = new LlmRequest[64];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = LlmRequest.builder("req-" + i).user("hello").inputTokens(200 + i).maxTokens(256)
                    .attribute("team", "team-" + (i * 7919 % rules)).attribute("user", "u" + i)
                    .attribute("tags", i % 5 == 0 ? List.of("premium") : List.of()).build();
        }
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name + ".llmpolicy");
        Files.writeString(f, text);
        return f;
    }

    /** Routing rules as a platform with many teams writes them; optionally a per-team budget. */
    static String policy(int rules, boolean budget) {
        StringBuilder s = new StringBuilder("""
                policy "bench" version "1"
                request { team: string; user: string; tags: list<string> }
                model a = openai "gpt-4o" price in $2.50/M out $10/M context 128k
                model b = anthropic "claude-sonnet-4" price in $3/M out $15/M context 200k
                model c = openai "gpt-4o-mini" price in $0.15/M out $0.60/M context 128k
                """);
        for (int i = 0; i < rules; i++) {
            s.append("route r").append(i).append(" when request.team == \"team-").append(i).append("\" {\n")
                    .append("  when \"premium\" in request.tags -> a\n")
                    .append("  when request.input_tokens > 50k tokens -> b\n")
                    .append("  otherwise -> split by request.user { 90% c, 10% b }\n")
                    .append("  fallback a -> b -> c on rate_limited, server_error retry 1 cooldown 30s\n}\n");
        }
        s.append("route fallback_route { otherwise -> c }\n");
        if (budget) s.append("budget team by request.team { limit $1000000 per month; alert at 80% }\n");
        return s.toString();
    }

    /** A decision the benchmark thread reuses, as a request-handling thread would (see PolicyEngine#decide(LlmRequest, Decision)). */
    final Decision reused = new Decision();

    @Benchmark
    public Decision decide() {
        LlmRequest r = requests[next++ & 63];
        return routing.decide(r, reused);
    }

    /** The convenience API that returns a new Decision each time. */
    @Benchmark
    public Decision decideNew() {
        LlmRequest r = requests[next++ & 63];
        return routing.decide(r);
    }

    @Benchmark
    public Object decideAndCompleteWithBudget() {
        LlmRequest r = requests[next++ & 63];
        Decision d = budgeted.decide(r);
        return budgeted.complete(d, LlmResponse.success("ok", 210, 120, 800));
    }
}
