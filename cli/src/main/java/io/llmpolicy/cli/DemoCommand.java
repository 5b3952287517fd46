package io.llmpolicy.cli;

import io.llmpolicy.engine.BudgetState;
import io.llmpolicy.engine.Decision;
import io.llmpolicy.engine.LlmResponse;
import io.llmpolicy.engine.Outcome;
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
                "No API keys, no network: model calls are simulated from the recorded token counts, and every 40th call",
                "first fails with server_error so retries and fallbacks show."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--policy", paramLabel = "FILE", description = "policy to use (default examples/policies/demo.llmpolicy)")
    Path policy;

    @Option(names = "--data", paramLabel = "DIR", description = "directory of the traffic samples (default examples/data)")
    Path data;

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
        PolicyEngine engine = PolicyEngine.builder().policy(policyFile)
                .alerts(a -> { synchronized (alerts) { alerts.merge(alertName(a), 1, Integer::sum); } }).build();
        List<ReplayLine> lines = new ArrayList<>();
        lines.addAll(AzureTraffic.requests(AzureTraffic.rows(dataDir.resolve("azure-llm-2023-conv-sample.csv")), "conv"));
        lines.addAll(AzureTraffic.requests(AzureTraffic.rows(dataDir.resolve("azure-llm-2023-code-sample.csv")), "code"));
        lines.sort(java.util.Comparator.comparing(l -> l.request().timestamp()));

        System.out.printf("llmpolicy demo: %d requests from the Azure LLM inference traces (CC BY 4.0), policy %s %s%n%n",
                lines.size(), engine.policy().name(), engine.policy().version());
        Histogram decideNanos = new Histogram(60_000_000_000L, 3);
        Map<String, Integer> byTarget = new TreeMap<>(), denied = new TreeMap<>();
        Map<String, Long> spendByTeam = new TreeMap<>();
        Map<String, BudgetState> lastTeamState = new TreeMap<>();
        int allowed = 0, failovers = 0, downgrades = 0, monitorNotes = 0;
        long cost = 0;
        int n = 0;
        for (ReplayLine line : lines) {
            n++;
            long t0 = System.nanoTime();
            Decision d = engine.decide(line.request());
            decideNanos.recordValue(System.nanoTime() - t0);
            monitorNotes += d.monitorNotes().size();
            if (d.reasons().stream().anyMatch(r -> r.contains("downgraded"))) downgrades++;
            if (!d.allowed()) {
                denied.merge(d.reasons().isEmpty() ? "denied" : d.reasons().get(0), 1, Integer::sum);
                continue;
            }
            if (n % 40 == 0) { // simulated provider hiccup: the first call is rate limited
                LlmResponse failure = LlmResponse.failure("server_error", 120);
                d = engine.failover(d, failure, line.request());
                failovers++;
                if (!d.allowed()) {
                    denied.merge(d.reasons().isEmpty() ? "denied" : d.reasons().get(0), 1, Integer::sum);
                    continue;
                }
            }
            allowed++;
            byTarget.merge(d.target(), 1, Integer::sum);
            Outcome o = engine.complete(d, line.response());
            cost += o.costNanoUsd();
            String team = (String) line.request().metadata().get("team");
            spendByTeam.merge(team, o.costNanoUsd(), Long::sum);
            for (BudgetState b : o.budgets()) if (b.name().equals("team_daily")) lastTeamState.put(team, b);
        }
        System.out.printf("decisions: %d allowed, %d denied, %d fallbacks after a failure, %d downgrades, %d monitor notes%n",
                allowed, lines.size() - allowed, failovers, downgrades, monitorNotes);
        System.out.println("\nrouted to:");
        byTarget.forEach((t, c) -> System.out.printf("  %-14s %6d%n", t, c));
        if (!denied.isEmpty()) {
            System.out.println("\ndenied because:");
            denied.forEach((r, c) -> System.out.printf("  %-44s %6d%n", r, c));
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
        System.out.printf("%ndecide latency on this machine (µs): p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  (first %d include JIT warm-up)%n",
                decideNanos.getValueAtPercentile(50) / 1e3, decideNanos.getValueAtPercentile(90) / 1e3,
                decideNanos.getValueAtPercentile(99) / 1e3, decideNanos.getValueAtPercentile(99.9) / 1e3, lines.size());
        System.out.println("\nnext: ./llmpolicy explain --policy " + policyFile + " --request '{\"id\":\"r1\",\"metadata\":{\"team\":\"search\",\"user\":\"u1\",\"app\":\"chat\",\"tags\":[\"premium\"]}}'");
        return 0;
    }

    private static String alertName(BudgetAlert a) {
        String budget = a.key().budget();
        return budget + " [" + String.join("/", a.key().scope()) + "] at " + (a.thresholdBps() / 100) + "%";
    }
}
