package io.llmpolicy.engine.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmpolicy.engine.BudgetState;
import io.llmpolicy.engine.Decision;
import io.llmpolicy.engine.InvalidRequestException;
import io.llmpolicy.engine.Outcome;
import io.llmpolicy.engine.PolicyEngine;
import io.llmpolicy.engine.price.Money;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Replays recorded requests through an engine: {@code decide} for every line and, when the line has a recorded
 * {@code response}, {@code complete}; each request's own timestamp is "now". Writes one JSON decision per input line
 * in the same order; a malformed line is reported on {@code err} with its line number and skipped.
 * Single-threaded, so results are deterministic.
 */
public final class Replay {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Totals of a replay. Costs in nano-USD; decide latency in nanoseconds. */
    public static final class Summary {
        public long requests, allowed, denied, malformed, completed, failedCalls;
        public long costNanoUsd;
        public final Map<String, Long> costByTarget = new TreeMap<>();
        public final Map<String, Long> requestsByTarget = new TreeMap<>();
        public final Map<String, Long> denyReasons = new TreeMap<>();
        public final Histogram decideNanos = new Histogram(3_600_000_000_000L, 3);

        public String render() {
            StringBuilder s = new StringBuilder();
            s.append(String.format("requests %d, allowed %d, denied %d, malformed %d%n", requests, allowed, denied, malformed));
            s.append(String.format("completed %d (failed calls %d), settled cost $%s%n", completed, failedCalls, usd(costNanoUsd)));
            for (Map.Entry<String, Long> e : requestsByTarget.entrySet()) {
                s.append(String.format("  %-20s %8d requests  $%s%n", e.getKey(), e.getValue(), usd(costByTarget.getOrDefault(e.getKey(), 0L))));
            }
            for (Map.Entry<String, Long> e : denyReasons.entrySet()) s.append(String.format("  denied: %-40s %6d%n", e.getKey(), e.getValue()));
            s.append(String.format("decide latency (µs): p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                    decideNanos.getValueAtPercentile(50) / 1e3, decideNanos.getValueAtPercentile(90) / 1e3,
                    decideNanos.getValueAtPercentile(99) / 1e3, decideNanos.getValueAtPercentile(99.9) / 1e3, decideNanos.getMaxValue() / 1e3));
            return s.toString();
        }
    }

    private Replay() {}

    /** Listens to each replayed request (the demo prints progress; the trace writer records). */
    public interface Listener {
        void onRequest(ReplayLine line, Decision decision, Outcome outcome);
    }

    public static Summary run(PolicyEngine engine, BufferedReader in, Writer out, PrintStream err, Listener listener) throws IOException {
        Summary sum = new Summary();
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) continue;
            ReplayLine parsed;
            try {
                parsed = ReplayLine.parse(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                sum.malformed++;
                err.println("line " + number + ": malformed JSON: " + e.getOriginalMessage());
                continue;
            } catch (ReplayLine.Malformed e) {
                sum.malformed++;
                err.println("line " + number + ": " + e.getMessage());
                continue;
            }
            Decision d;
            long t0 = System.nanoTime();
            try {
                d = engine.decide(parsed.request());
            } catch (InvalidRequestException e) {
                sum.malformed++;
                err.println("line " + number + ": invalid request: " + e.getMessage());
                continue;
            }
            sum.decideNanos.recordValue(Math.max(0, System.nanoTime() - t0));
            sum.requests++;
            Outcome o = null;
            if (d.allowed()) {
                sum.allowed++;
                sum.requestsByTarget.merge(d.target(), 1L, Long::sum);
                if (parsed.response() != null) {
                    o = engine.complete(d, parsed.response());
                    sum.completed++;
                    if (!o.success()) sum.failedCalls++;
                    sum.costNanoUsd += o.costNanoUsd();
                    sum.costByTarget.merge(d.target(), o.costNanoUsd(), Long::sum);
                }
            } else {
                sum.denied++;
                sum.denyReasons.merge(d.reasons().isEmpty() ? "denied" : d.reasons().get(0), 1L, Long::sum);
            }
            if (out != null) {
                out.write(JSON.writeValueAsString(toJson(d, o)));
                out.write('\n');
            }
            if (listener != null) listener.onRequest(parsed, d, o);
        }
        if (out != null) out.flush();
        return sum;
    }

    /** The replay output object of one decision (see the CLI contract in docs/embedding.md). */
    public static ObjectNode toJson(Decision d, Outcome o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", d.requestId());
        n.put("action", d.allowed() ? "allow" : "deny");
        n.put("target", d.target());
        n.put("provider", d.provider());
        n.put("model", d.providerModel());
        ArrayNode fallbacks = n.putArray("fallbacks");
        d.fallbacks().forEach(fallbacks::add);
        ArrayNode rules = n.putArray("rules");
        d.rules().forEach(rules::add);
        ArrayNode reasons = n.putArray("reasons");
        d.reasons().forEach(reasons::add);
        if (!d.monitorNotes().isEmpty()) {
            ArrayNode monitor = n.putArray("monitor");
            d.monitorNotes().forEach(monitor::add);
        }
        ArrayNode findings = n.putArray("findings");
        for (io.llmpolicy.engine.GuardFinding f : d.findings()) findings.add(findingJson(f));
        if (o != null) for (io.llmpolicy.engine.GuardFinding f : o.findings()) findings.add(findingJson(f));
        if (o != null && !o.evals().isEmpty()) {
            ArrayNode evals = n.putArray("evals");
            for (io.llmpolicy.engine.EvalResult e : o.evals()) {
                ObjectNode x = evals.addObject();
                x.put("name", e.eval());
                x.put("assertion", e.assertion());
                x.put("pass", e.pass());
                x.put("score", e.score());
            }
        }
        ArrayNode budgets = n.putArray("budget");
        for (BudgetState b : o != null ? o.budgets() : d.budgets()) budgets.add(budgetJson(b));
        if (o != null && o.success()) n.put("cost_usd", Money.toUsd(o.costNanoUsd()));
        else if (o != null) {
            n.put("cost_usd", BigDecimal.ZERO);
            n.put("error", o.errorClass());
        } else n.putNull("cost_usd");
        ObjectNode policy = n.putObject("policy");
        policy.put("name", d.policy().name());
        policy.put("version", d.policy().version());
        policy.put("hash", d.policy().hash());
        return n;
    }

    static ObjectNode findingJson(io.llmpolicy.engine.GuardFinding f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("phase", f.phase());
        n.put("detector", f.detector());
        if (f.phase().equals("input") && f.message() >= 0) n.put("message", f.message());
        n.put("start", f.start());
        n.put("end", f.end());
        n.put("action", f.action());
        n.put("guardrail", f.guardrail());
        return n;
    }

    static ObjectNode budgetJson(BudgetState b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", b.name());
        n.put("key", b.key());
        n.put("window", b.window());
        boolean money = b.dimension().contains("usd");
        n.put("unit", money ? "usd" : b.dimension());
        if (money) {
            n.put("spent", Money.toUsd(b.spent()));
            n.put("limit", Money.toUsd(b.limit()));
        } else {
            n.put("spent", b.spent());
            n.put("limit", b.limit());
        }
        n.put("state", b.state());
        return n;
    }

    static String usd(long nanos) {
        return Money.toUsd(nanos).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** Parses JSON for callers that want the same mapper settings. */
    public static JsonNode readTree(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }
}
