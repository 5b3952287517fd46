package io.llmpolicy.cli;

import io.llmpolicy.engine.LlmRequest;
import io.llmpolicy.engine.PolicyEngine;
import io.llmpolicy.engine.PolicyLoadException;
import io.llmpolicy.engine.replay.Replay;
import io.llmpolicy.engine.replay.ReplayLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure decide() in-process: latency percentiles (HdrHistogram) and throughput on one thread.",
                "A quick check; the reference numbers come from JMH (see docs/benchmarks.md)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--policy", required = true, paramLabel = "FILE")
    Path policy;

    @Option(names = "--requests", paramLabel = "FILE.jsonl", description = "requests to cycle through (default: one minimal request)")
    Path requests;

    @Option(names = "--iterations", defaultValue = "200000", description = "measured decides (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--warmup", defaultValue = "100000", description = "decides before measuring (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() throws Exception {
        PolicyEngine engine;
        try {
            engine = PolicyEngine.builder().policy(policy).build();
        } catch (PolicyLoadException e) {
            System.err.print(e.getMessage());
            return 1;
        }
        List<LlmRequest> reqs = new ArrayList<>();
        if (requests != null) {
            for (String line : Files.readAllLines(requests, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try {
                    reqs.add(ReplayLine.parse(Replay.readTree(line)).request());
                } catch (ReplayLine.Malformed | com.fasterxml.jackson.core.JsonProcessingException e) {
                    System.err.println("llmpolicy bench: skipping a malformed line: " + e.getMessage());
                }
            }
        }
        if (reqs.isEmpty()) reqs.add(LlmRequest.builder("bench").user("hello").build());
        for (int i = 0; i < warmup; i++) engine.decide(reqs.get(i % reqs.size()));
        Histogram h = new Histogram(60_000_000_000L, 3);
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            LlmRequest r = reqs.get(i % reqs.size());
            long t0 = System.nanoTime();
            engine.decide(r);
            h.recordValue(System.nanoTime() - t0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("decide on %s (%d request shapes, %d iterations after %d warm-up, 1 thread, %s %s)%n", policy,
                reqs.size(), iterations, warmup, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf("p50 %.2f µs  p90 %.2f µs  p99 %.2f µs  p99.9 %.2f µs  max %.2f µs%n",
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
        System.out.printf("throughput %.0f decides/s%n", iterations / seconds);
        return 0;
    }
}
