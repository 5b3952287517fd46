package io.llmpolicy.bench;

import io.llmpolicy.script.ScriptFunction;
import io.llmpolicy.script.ScriptRuntime;
import io.llmpolicy.script.ScriptSource;
import io.llmpolicy.script.ScriptType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a sandboxed JavaScript policy function costs per call (issue 7), on one shared {@link ScriptRuntime}:
 * <ul>
 *   <li>{@code *Warm}: a pooled context that has run the function before (the steady state);</li>
 *   <li>{@code *NewContext}: the idle contexts are dropped before every call, so each call pays for a new
 *       locked-down context on the shared engine (what the first calls after start-up or a burst pay);</li>
 *   <li>{@code detectorNewRuntime}: a new runtime (engine and context), compile, one call, close;</li>
 *   <li>{@code noopWarm}: a function returning its boolean argument, i.e. the boundary alone;</li>
 *   <li>{@code detectorJavaRegex}: the same check in plain {@code java.util.regex}, for scale.</li>
 * </ul>
 * The detector is {@code /TICKET-\d+/.test(text)} over a 450-character prompt; the scorer is the word overlap
 * of two short texts (split, two {@code Set}s, a loop). Results: {@code docs/bench-results/scripting.md}.
 *
 * <p>Interpreter (stock JDK): {@code java -jar benchmarks/target/benchmarks.jar ScriptBenchmark -f 1 -wi 5 -i 5
 * -w 2 -r 2 -prof gc}. With the optimizing Truffle runtime, add the Graal compiler and JVMCI flags before
 * {@code -jar} (JMH forks inherit them); the exact command is in the results file.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScriptBenchmark {

    static final String DETECTOR = "function looksLikeTicket(text) { return /TICKET-\\d+/.test(text); }";
    static final String SCORER = """
            function overlap(a, b) {
              const wa = new Set(a.toLowerCase().split(/\\W+/).filter(w => w.length > 0));
              const wb = new Set(b.toLowerCase().split(/\\W+/).filter(w => w.length > 0));
              if (wa.size === 0 || wb.size === 0) return 0;
              let common = 0;
              for (const w of wa) if (wb.has(w)) common++;
              return common / Math.max(wa.size, wb.size);
            }""";
    static final String TEXT = "Hello, I was charged twice for my subscription this month and the billing page keeps "
            + "showing an error when I try to download the invoice. I already contacted support last week and got "
            + "a reply that the issue was escalated, but nothing changed since then. Could you please check what is "
            + "going on with my account and refund the duplicate charge? The reference they gave me was TICKET-48213 "
            + "and my account e-mail is the one this message comes from. Thanks a lot for your help.";
    static final String ANSWER = "We refunded the duplicate charge on your account; the invoice download error is "
            + "fixed and your billing page should work again.";

    private static final Pattern TICKET = Pattern.compile("TICKET-\\d+");

    ScriptRuntime runtime;
    ScriptFunction detector;
    ScriptFunction scorer;
    ScriptFunction noop;

    @Setup
    public void setup() {
        runtime = newRuntime();
        detector = compile(runtime, DETECTOR, "looksLikeTicket", ScriptType.BOOL, ScriptType.STRING);
        scorer = compile(runtime, SCORER, "overlap", ScriptType.NUMBER, ScriptType.STRING, ScriptType.STRING);
        noop = compile(runtime, "function same(b) { return b; }", "same", ScriptType.BOOL, ScriptType.BOOL);
        if (!Boolean.TRUE.equals(detector.call(TEXT)) || !(scorer.call(TEXT, ANSWER) instanceof Double d) || d <= 0) {
            throw new IllegalStateException("benchmark functions do not compute what they should");
        }
        System.out.println("\n[ScriptBenchmark] polyglot engine: " + runtime.engineImplementation());
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    static ScriptRuntime newRuntime() {
        // A generous time-out: the new-context benchmarks would otherwise measure time-outs on a busy machine.
        return ScriptRuntime.builder().timeout(Duration.ofSeconds(5)).build();
    }

    static ScriptFunction compile(ScriptRuntime rt, String code, String name, ScriptType returns, ScriptType... params) {
        return rt.compile(ScriptSource.of("bench.js", code), name, List.of(params), returns);
    }

    @Benchmark
    public Object detectorWarm() {
        return detector.call(TEXT);
    }

    @Benchmark
    public Object scorerWarm() {
        return scorer.call(TEXT, ANSWER);
    }

    @Benchmark
    public Object noopWarm() {
        return noop.call(Boolean.TRUE);
    }

    @Benchmark
    public boolean detectorJavaRegex() {
        return TICKET.matcher(TEXT).find();
    }

    @Benchmark
    public Object detectorNewContext() {
        runtime.evictIdleContexts();
        return detector.call(TEXT);
    }

    @Benchmark
    public Object scorerNewContext() {
        runtime.evictIdleContexts();
        return scorer.call(TEXT, ANSWER);
    }

    @Benchmark
    public Object detectorNewRuntime() {
        try (ScriptRuntime rt = newRuntime()) {
            return compile(rt, DETECTOR, "looksLikeTicket", ScriptType.BOOL, ScriptType.STRING).call(TEXT);
        }
    }
}
