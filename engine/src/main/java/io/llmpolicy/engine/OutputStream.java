package io.llmpolicy.engine;

import io.llmpolicy.engine.compile.GuardPlan;
import io.llmpolicy.engine.compile.Plan;
import io.llmpolicy.guard.Finding;
import io.llmpolicy.guard.StreamGuard;
import io.llmpolicy.guard.StreamOptions;
import io.llmpolicy.guard.StreamStep;
import io.llmpolicy.guard.redact.RedactionContext;
import io.llmpolicy.guard.redact.RedactionStyle;
import io.llmpolicy.guard.redact.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Output guardrails on a streamed answer: chunks pass through one {@link StreamGuard} per output guardrail, in policy
 * order, each holding text back for its window so a finding split across chunks is still caught. Spans owned by a
 * {@code redact} statement are replaced before release; a span owned by a {@code deny} statement withholds the
 * segment that contains it and ends the stream ({@link #blocked()}), with everything released before it already
 * seen by the client (recorded as such). Conditions, size and JSON checks need the whole answer and run at the end.
 * Not thread-safe: one per response.
 */
final class OutputStream {
    private final List<Stage> stages = new ArrayList<>();
    private final Consumer<String> client;
    private final StringBuilder released = new StringBuilder();
    private final List<GuardFinding> findings = new ArrayList<>();
    private String blocked;

    private final class Stage {
        final GuardPlan guard;
        final StreamGuard stream;
        final Map<RedactionStyle, RedactionContext> contexts = new HashMap<>();

        Stage(GuardPlan guard) {
            this.guard = guard;
            this.stream = guard.set().stream(StreamOptions.redact(this::apply));
        }

        /** Decides each finding of a segment about to be released: redact, withhold (deny) or let through (flag). */
        private String apply(String text, List<Finding> spans) {
            Map<RedactionStyle, List<Finding>> redact = new HashMap<>();
            for (Finding f : spans) {
                for (GuardPlan.Rule rule : guard.rules()) {
                    if (!rule.owns(f)) continue;
                    String action = guard.monitor() ? "monitor" : rule.verb().name().toLowerCase();
                    findings.add(new GuardFinding("output", f.detector(), -1, released.length() + f.start(), released.length() + f.end(),
                            action, guard.name()));
                    if (guard.monitor()) continue;
                    if (rule.verb() == GuardPlan.Verb.DENY && blocked == null) {
                        blocked = rule.reason() != null ? rule.reason() : "guardrail " + guard.name() + " denied: " + rule.source();
                    }
                    if (rule.verb() == GuardPlan.Verb.REDACT) redact.computeIfAbsent(rule.redaction(), k -> new ArrayList<>()).add(f);
                }
            }
            if (blocked != null) return "";
            // Replace spans in order, shifting later spans by what earlier replacements changed (placeholders are then
            // numbered in reading order).
            List<Map.Entry<Finding, RedactionStyle>> all = new ArrayList<>();
            for (Map.Entry<RedactionStyle, List<Finding>> e : redact.entrySet()) for (Finding f : e.getValue()) all.add(Map.entry(f, e.getKey()));
            all.sort((a, b) -> Integer.compare(a.getKey().start(), b.getKey().start()));
            String out = text;
            int shift = 0, covered = -1;
            for (Map.Entry<Finding, RedactionStyle> e : all) {
                Finding f = e.getKey();
                if (f.start() < covered) continue; // overlaps a span already replaced
                Finding moved = new Finding(f.detector(), f.start() + shift, f.end() + shift, f.label());
                int before = out.codePointCount(0, out.length());
                out = contexts.computeIfAbsent(e.getValue(), k -> Redactor.of(k).newRequest()).redact(out, List.of(moved)).text();
                shift += out.codePointCount(0, out.length()) - before;
                covered = f.end();
            }
            return out;
        }
    }

    OutputStream(Plan plan, Consumer<String> client) {
        this.client = client;
        for (GuardPlan g : plan.guards()) if (g.output() && g.set() != null) stages.add(new Stage(g));
    }

    /** Feeds a chunk from the provider; releases what is known to be clean. */
    void accept(String chunk) {
        if (blocked != null) return;
        String text = chunk;
        for (Stage s : stages) {
            StreamStep step = s.stream.accept(text);
            text = step.text();
            if (blocked != null) return;
        }
        release(text);
    }

    /** The provider finished: flushes what was held back. */
    void finish() {
        if (blocked != null) return;
        String carry = "";
        for (Stage s : stages) {
            StreamStep pending = s.stream.accept(carry);
            StreamStep tail = s.stream.finish();
            carry = pending.text() + tail.text();
            if (blocked != null) return;
        }
        release(carry);
    }

    private void release(String text) {
        if (text.isEmpty()) return;
        released.append(text);
        client.accept(text);
    }

    String blocked() {
        return blocked;
    }

    String releasedText() {
        return released.toString();
    }

    List<GuardFinding> findings() {
        return List.copyOf(findings);
    }
}
