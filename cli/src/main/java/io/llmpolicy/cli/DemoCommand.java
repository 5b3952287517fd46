package io.llmpolicy.cli;

import io.llmpolicy.engine.BudgetState;
import io.llmpolicy.engine.Decision;
import io.llmpolicy.engine.LlmResponse;
import io.llmpolicy.engine.ExecuteResult;
import io.llmpolicy.engine.LlmRequest;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.host.PluginHost;
import io.llmpolicy.provider.mock.MockProviderFactory;
import io.llmpolicy.engine.PolicyEngine;
import io.llmpolicy.engine.budget.BudgetAlert;
import io.llmpolicy.engine.price.Money;
import io.llmpolicy.engine.replay.AzureTraffic;
import io.llmpolicy.engine.replay.ReplayLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Replay a slice of real LLM traffic (Azure, 2023) through an example policy that uses every rule kind.",
                "No API keys, no network: models are served by the built-in mock provider plugin through engine.execute(),",
                "with 2-5%% of calls failing on purpose so that retries, cooldowns and fallbacks show."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--policy", paramLabel = "FILE", description = "policy to use (default examples/policies/demo.llmpolicy)")
    Path policy;

    @Option(names = "--data", paramLabel = "DIR", description = "directory of the traffic samples (default examples/data)")
    Path data;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "also load plugins from DIR (the mock provider is built in)")
    Path pluginsDir;

    @Option(names = "--trace-dir", paramLabel = "DIR",
            description = "write the trace log here (default: a new directory under the system's temporary directory)")
    Path traceDir;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("llmpolicy.home", "."));
        Path policyFile = policy != null ? policy : home.resolve("examples/policies/demo.llmpolicy");
        Path dataDir = data != null ? data : home.resolve("examples/data");
        if (!Files.isRegularFile(policyFile)) {
            System.err.println("llmpolicy demo: no policy at " + policyFile + " (run from the project directory or pass --policy)");
            return 2;
        }
        Map<String, Integer> alerts = new TreeMap<>();
        Path trace = traceDir != null ? traceDir : Files.createTempDirectory("llmpolicy-demo-trace-");
        PluginHost.Builder hostBuilder = PluginHost.builder().builtIn("mock", "0.1.0", new MockProviderFactory());
        if (pluginsDir != null) hostBuilder.pluginsDirectory(pluginsDir);
        int code;
        try (PluginHost host = hostBuilder.start();
             PolicyEngine engine = PolicyEngine.builder().policy(policyFile).plugins(host).providerOverride("mock")
                     .endpoint("openai", mockEndpoint("openai", "0.02:rate_limited:2s"))
                     .endpoint("anthropic", mockEndpoint("anthropic", "0.02:server_error"))
                     .endpoint("vllm", mockEndpoint("vllm", "0.05:server_error"))
                     .traceDir(trace)
                     .alerts(a -> { synchronized (alerts) { alerts.merge(alertName(a), 1, Integer::sum); } }).build();
             // decide() timed alone, on an untraced engine over the same budgets: its reservation is released at
             // once and must not leave a record of a call that never happened in the trace
             PolicyEngine timing = PolicyEngine.builder().policy(policyFile).budgetStore(engine.budgetStore()).build()) {
            code = run(engine, timing, dataDir, alerts);
        }
        // the engine is closed: every record is in the queue and the close checkpoint written
        io.llmpolicy.trace.VerifyResult verified = io.llmpolicy.trace.TraceVerifier.verify(trace);
        System.out.printf("%ntrace log (every decision and outcome, hash-chained): %s%n  trace verify: %s%n", trace,
                verified.describe().lines().findFirst().orElse(""));
        System.out.println("\nnext: ./llmpolicy trace report " + trace + " --by team");
        System.out.println("      ./llmpolicy trace query " + trace + " --where action=deny");
        System.out.println("      ./llmpolicy explain --policy examples/policies/demo.llmpolicy --request '{\"id\":\"r1\",\"metadata\":{\"team\":\"search\",\"user\":\"u1\",\"app\":\"chat\",\"tags\":[\"premium\"]}}'");
        return verified.exitCode() == 0 ? code : 1;
    }

    /** A mock endpoint: one token per four characters in, the trace's output length out, simulated latency, failures. */
    private static EndpointConfig mockEndpoint(String name, String failures) {
        return EndpointConfig.builder(name).option("output_tokens", "4096").option("latency", "180ms")
                .option("latency_per_token", "12ms").option("context_window", "1000000").option("fail.fraction.*", failures).build();
    }

    private int run(PolicyEngine engine, PolicyEngine timing, Path dataDir, Map<String, Integer> alerts) throws Exception {
        List<ReplayLine> lines = new ArrayList<>();
        lines.addAll(AzureTraffic.requests(AzureTraffic.rows(dataDir.resolve("azure-llm-2023-conv-sample.csv")), "conv"));
        lines.addAll(AzureTraffic.requests(AzureTraffic.rows(dataDir.resolve("azure-llm-2023-code-sample.csv")), "code"));
        lines.sort(java.util.Comparator.comparing(l -> l.request().timestamp()));

        System.out.printf("llmpolicy demo: %d requests from the Azure LLM inference traces (CC BY 4.0), policy %s %s,%n"
                + "models served by the built-in mock provider (no keys, no network; 2-5%% of calls fail on purpose)%n%n",
                lines.size(), engine.policy().name(), engine.policy().version());
        Histogram policyNanos = new Histogram(60_000_000_000L, 3);
        Map<String, Integer> byTarget = new TreeMap<>(), denied = new TreeMap<>();
        Map<String, Long> spendByTeam = new TreeMap<>();
        Map<String, BudgetState> lastTeamState = new TreeMap<>();
        int answered = 0, failedAttempts = 0, recovered = 0, downgrades = 0;
        long cost = 0;
        for (ReplayLine line : lines) {
            LlmRequest request = withPrompt(line.request());
            long t0 = System.nanoTime();
            Decision first = timing.decide(request); // timed alone: the policy work on the request path
            policyNanos.recordValue(System.nanoTime() - t0);
            if (first.allowed()) timing.complete(first, LlmResponse.failure("bad_request", 0)); // release; execute decides again
            ExecuteResult r = engine.execute(request);
            failedAttempts += r.failedAttempts().size();
            if (r.decision().reasons().stream().anyMatch(x -> x.contains("downgraded"))) downgrades++;
            if (!r.answered()) {
                denied.merge(r.decision().reasons().isEmpty() ? "denied" : r.decision().reasons().get(0), 1, Integer::sum);
                continue;
            }
            answered++;
            if (!r.failedAttempts().isEmpty()) recovered++;
            byTarget.merge(r.decision().target(), 1, Integer::sum);
            cost += r.outcome().costNanoUsd();
            String team = (String) request.metadata().get("team");
            spendByTeam.merge(team, r.outcome().costNanoUsd(), Long::sum);
            for (BudgetState b : r.outcome().budgets()) if (b.name().equals("team_daily")) lastTeamState.put(team, b);
        }
        System.out.printf("answered %d, denied %d; %d calls failed and %d requests recovered by retry or fallback; %d downgrades%n",
                answered, lines.size() - answered, failedAttempts, recovered, downgrades);
        System.out.println("\nanswered by:");
        byTarget.forEach((t, c) -> System.out.printf("  %-14s %6d%n", t, c));
        if (!denied.isEmpty()) {
            System.out.println("\ndenied because:");
            denied.forEach((reason, c) -> System.out.printf("  %-60s %6d%n", reason, c));
        }
        System.out.printf("%nspend (settled with real token counts): %s in total%n", Money.formatUsd(cost));
        for (Map.Entry<String, Long> e : spendByTeam.entrySet()) {
            BudgetState s = lastTeamState.get(e.getKey());
            System.out.printf("  %-10s %12s   team_daily %s%n", e.getKey(), Money.formatUsd(e.getValue()),
                    s == null ? "-" : Money.formatUsd(s.spent()) + " of " + Money.formatUsd(s.limit()) + " today (" + s.state() + ")");
        }
        System.out.println("\nbudget alerts fired (once per window and threshold):");
        if (alerts.isEmpty()) System.out.println("  none");
        alerts.forEach((a, c) -> System.out.printf("  %-40s %4d%n", a, c));
        System.out.printf("%npolicy work per request on this machine (decide, µs): p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f%n"
                + "  (a cold JVM: the first few thousand include JIT warm-up; see docs/benchmarks.md for JMH figures)%n",
                policyNanos.getValueAtPercentile(50) / 1e3, policyNanos.getValueAtPercentile(90) / 1e3,
                policyNanos.getValueAtPercentile(99) / 1e3, policyNanos.getValueAtPercentile(99.9) / 1e3);
        return 0;
    }

    /** The trace has token counts, not text: a prompt of N tokens for the mock (one token per four characters). */
    private static LlmRequest withPrompt(LlmRequest r) {
        long tokens = Math.max(1, Math.min(r.inputTokens(), 200_000));
        return LlmRequest.builder(r.id()).timestamp(r.timestamp()).model(r.model()).user("word".repeat((int) tokens))
                .maxTokens(r.maxTokens()).inputTokens(r.inputTokens()).metadata(r.metadata()).build();
    }

    private static String alertName(BudgetAlert a) {
        String budget = a.key().budget();
        return budget + " [" + String.join("/", a.key().scope()) + "] at " + (a.thresholdBps() / 100) + "%";
    }
}
