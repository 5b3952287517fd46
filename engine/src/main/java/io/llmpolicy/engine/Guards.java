package io.llmpolicy.engine;

import io.llmpolicy.engine.compile.EvalContext;
import io.llmpolicy.engine.compile.GuardPlan;
import io.llmpolicy.engine.compile.Plan;
import io.llmpolicy.guard.Finding;
import io.llmpolicy.guard.output.JsonCheck;
import io.llmpolicy.guard.redact.RedactionContext;
import io.llmpolicy.guard.redact.RedactionStyle;
import io.llmpolicy.guard.redact.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the guardrails of one phase over the texts of a request: each applicable guardrail scans every text once with
 * its combined detector set; findings go to the statements that own them; then {@code deny} blocks, {@code redact}
 * rewrites the owned spans (placeholders numbered per request), {@code flag} only reports, and a monitor guardrail
 * reports what it would have done. Stateless; one call per request and phase.
 */
final class Guards {
    private Guards() {}

    /** The result of one phase. {@code texts} are the (possibly redacted) texts; {@code denyReason} null unless denied. */
    record Result(List<String> texts, List<GuardFinding> findings, String denyReason, List<String> fired, List<String> notes) {
        static final Result NONE = new Result(null, List.of(), null, List.of(), List.of());

        boolean redacted(List<String> original) {
            return texts != null && !texts.equals(original);
        }
    }

    /**
     * Applies the redactions of one guardrail. Spans were found on the unredacted text, so one style per text is one
     * pass; when statements of one text use different styles, each later style's spans are found again on the text
     * the previous style produced (a rare path, correct rather than fast).
     */
    private static void redact(GuardPlan g, List<String> current, Map<Integer, Map<RedactionStyle, List<Finding>>> toRedact,
                               Map<RedactionStyle, RedactionContext> contexts) {
        for (Map.Entry<Integer, Map<RedactionStyle, List<Finding>>> e : toRedact.entrySet()) {
            int t = e.getKey();
            boolean first = true;
            for (Map.Entry<RedactionStyle, List<Finding>> byStyle : e.getValue().entrySet()) {
                List<Finding> spans = byStyle.getValue();
                if (!first && g.set() != null) {
                    java.util.Set<String> wanted = new java.util.HashSet<>();
                    for (Finding f : spans) wanted.add(f.detector() + "\u0000" + f.label());
                    spans = g.set().scan(current.get(t)).stream().filter(f -> wanted.contains(f.detector() + "\u0000" + f.label())).toList();
                }
                RedactionContext rc = contexts.computeIfAbsent(byStyle.getKey(), k -> Redactor.of(k).newRequest());
                current.set(t, rc.redact(current.get(t), spans).text());
                first = false;
            }
        }
    }

    static Result run(Plan plan, boolean output, List<String> texts, EvalContext ctx) {
        return run(plan, output, texts, ctx, new PluginBindings(null));
    }

    static Result run(Plan plan, boolean output, List<String> texts, EvalContext ctx, PluginBindings plugins) {
        List<GuardFinding> findings = new ArrayList<>();
        List<String> fired = new ArrayList<>(2), notes = new ArrayList<>(0);
        List<String> current = new ArrayList<>(texts);
        String deny = null;
        boolean any = false;
        // one context per style for the whole request: the same value gets the same placeholder in every message
        Map<RedactionStyle, RedactionContext> contexts = new HashMap<>();
        for (GuardPlan g : plan.guards()) {
            if (g.output() != output) continue;
            if (g.when() != null && !g.when().bool(ctx)) continue;
            any = true;
            boolean hit = false;
            // per statement: the spans it owns in each text
            List<Map<Integer, List<Finding>>> owned = new ArrayList<>(g.rules().size());
            for (int r = 0; r < g.rules().size(); r++) owned.add(new HashMap<>());
            if (g.set() != null) {
                for (int t = 0; t < current.size(); t++) {
                    for (Finding f : g.set().scan(current.get(t))) {
                        for (int r = 0; r < g.rules().size(); r++) {
                            if (g.rules().get(r).owns(f)) owned.get(r).computeIfAbsent(t, k -> new ArrayList<>()).add(f);
                        }
                    }
                }
            }
            // text index -> style -> spans to redact; applied after all statements, in one pass per text and style
            Map<Integer, Map<RedactionStyle, List<Finding>>> toRedact = new HashMap<>();
            for (int r = 0; r < g.rules().size(); r++) {
                GuardPlan.Rule rule = g.rules().get(r);
                String action = g.monitor() ? "monitor" : rule.verb().name().toLowerCase();
                boolean matched = false;
                switch (rule.kind()) {
                    case DETECT -> {
                        for (Map.Entry<Integer, List<Finding>> e : owned.get(r).entrySet()) {
                            for (Finding f : e.getValue()) {
                                findings.add(new GuardFinding(output ? "output" : "input", f.detector(), output ? -1 : e.getKey(),
                                        f.start(), f.end(), action, g.name()));
                            }
                            matched = true;
                            if (rule.verb() == GuardPlan.Verb.REDACT && !g.monitor()) {
                                toRedact.computeIfAbsent(e.getKey(), k -> new java.util.LinkedHashMap<>())
                                        .computeIfAbsent(rule.redaction(), k -> new ArrayList<>()).addAll(e.getValue());
                            }
                        }
                    }
                    case WHEN -> matched = rule.condition().bool(ctx);
                    case SIZE -> {
                        long tokens = output ? io.llmpolicy.guard.TokenCounter.estimate().count(String.join("\n", current)) : ctx.inputTokens();
                        if (tokens > rule.maxTokens()) {
                            matched = true;
                            findings.add(new GuardFinding(output ? "output" : "input", Finding.SIZE, -1, 0, 0, action, g.name()));
                        }
                    }
                    case JSON -> {
                        String text = String.join("\n", current);
                        Optional<Finding> invalid = JsonCheck.check(text);
                        List<Finding> problems = invalid.map(List::of).orElseGet(() -> rule.schema() == null ? List.of() : rule.schema().check(text));
                        for (Finding f : problems) {
                            findings.add(new GuardFinding("output", f.detector(), -1, f.start(), f.end(), action, g.name()));
                        }
                        matched = !problems.isEmpty();
                    }
                    case PLUGIN -> {
                        boolean loaded = false;
                        for (int t = 0; t < current.size(); t++) {
                            var found = plugins.detect(rule.plugin(), current.get(t), "guardrail " + g.name());
                            if (found.isEmpty()) break;
                            loaded = true;
                            for (io.llmpolicy.plugin.Finding f : found.get()) {
                                findings.add(new GuardFinding(output ? "output" : "input", f.detector(), output ? -1 : t, f.start(), f.end(),
                                        action, g.name()));
                                matched = true;
                                if (rule.verb() == GuardPlan.Verb.REDACT && !g.monitor()) {
                                    toRedact.computeIfAbsent(t, k -> new java.util.LinkedHashMap<>()).computeIfAbsent(rule.redaction(),
                                            k -> new ArrayList<>()).add(new Finding(f.detector(), f.start(), f.end(), f.label()));
                                }
                            }
                        }
                        if (!loaded) notes.add("guardrail " + g.name() + ": detector \"" + rule.plugin() + "\" is not loaded; statement skipped");
                    }
                }
                if (!matched) continue;
                hit = true;
                if (g.monitor()) {
                    if (rule.verb() != GuardPlan.Verb.FLAG) notes.add("would " + rule.verb().name().toLowerCase() + ": guardrail " + g.name() + " (" + rule.source() + ")");
                } else if (rule.verb() == GuardPlan.Verb.DENY && deny == null) {
                    deny = rule.reason() != null ? rule.reason() : "guardrail " + g.name() + " denied: " + rule.source();
                }
            }
            if (hit) fired.add(g.name());
            redact(g, current, toRedact, contexts);
        }
        if (!any) return Result.NONE;
        return new Result(List.copyOf(current), List.copyOf(findings), deny, List.copyOf(fired), List.copyOf(notes));
    }
}
