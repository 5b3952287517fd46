package io.llmpolicy.engine;

import io.llmpolicy.engine.compile.EvalContext;
import io.llmpolicy.engine.compile.Plan;
import java.util.List;

/**
 * Explains a decision in words: which routes applied, which statements matched or not and why, the route plan,
 * and each budget's state. Reads the same compiled plan as {@code decide}, so the explanation cannot drift from
 * the behaviour.
 */
public final class Explain {
    private Explain() {}

    public static String explain(PolicyEngine engine, LlmRequest request) {
        Decider decider = engine.currentDecider();
        Plan plan = decider.plan;
        long now = engine.now(request);
        EvalContext ctx = decider.context(request, now);
        StringBuilder s = new StringBuilder();
        s.append("policy ").append(plan.name()).append(' ').append(plan.version()).append(" (").append(plan.hash()).append(")\n");
        s.append("request ").append(request.id()).append(": ");
        for (Plan.AttributeSpec a : plan.attributes()) {
            Object v = ctx.values[a.slot()];
            s.append(a.name()).append('=').append(v == null ? "(absent)" : v).append(' ');
        }
        s.append("input_tokens=").append(ctx.inputTokens());
        if (ctx.maxTokens >= 0) s.append(" max_tokens=").append(ctx.maxTokens);
        s.append("\n\nroutes (first route with a matching statement decides):\n");
        boolean decided = false;
        for (Plan.Route r : plan.routes()) {
            if (decided) {
                s.append("  route ").append(r.name()).append(": not reached\n");
                continue;
            }
            if (r.when() != null && !r.when().bool(ctx)) {
                s.append("  route ").append(r.name()).append(": does not apply (its 'when' is false)\n");
                continue;
            }
            s.append("  route ").append(r.name()).append(r.monitor() ? " (monitor)" : "").append(": applies\n");
            boolean matched = false;
            for (Plan.RouteStatement st : r.statements()) {
                if (matched) {
                    s.append("    - ").append(st.source()).append(": not reached\n");
                    continue;
                }
                boolean ok = st.condition() == null || st.condition().bool(ctx);
                s.append("    ").append(ok ? "✓ " : "✗ ").append(st.source()).append(ok ? ": matched" : ": false").append('\n');
                matched = ok;
            }
            if (matched && !r.monitor()) decided = true;
        }
        Decision d = decider.decideDryRun(request, now);
        s.append("\ndecision: ").append(d.allowed() ? "allow -> " + d.target() + " (" + d.provider() + " \"" + d.providerModel() + "\")" : "deny").append('\n');
        if (d.allowed()) s.append("route plan: ").append(String.join(" -> ", concat(d.target(), d.fallbacks()))).append('\n');
        if (!d.rules().isEmpty()) s.append("rules fired: ").append(String.join(", ", d.rules())).append('\n');
        for (String reason : d.reasons()) s.append("reason: ").append(reason).append('\n');
        for (String note : d.monitorNotes()) s.append("monitor: ").append(note).append('\n');
        s.append("\nbudgets:\n");
        if (plan.budgets().isEmpty()) s.append("  (none)\n");
        ctx.target = d.allowed() ? plan.modelIndex().get(d.target()) : -1;
        for (Plan.Budget b : plan.budgets()) {
            if (b.when() != null && !b.when().bool(ctx)) {
                s.append("  ").append(b.name()).append(": does not apply\n");
                continue;
            }
            for (BudgetState st : decider.peek(b, ctx)) {
                s.append("  ").append(st.name()).append(" [").append(st.key().isEmpty() ? "global" : st.key()).append("] per ").append(st.window())
                        .append(": ").append(format(st)).append(" (").append(st.state()).append(")\n");
            }
        }
        return s.toString();
    }

    private static List<String> concat(String first, List<String> rest) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    static String format(BudgetState st) {
        if (st.dimension().contains("usd")) {
            return io.llmpolicy.engine.price.Money.formatUsd(st.spent()) + " of " + io.llmpolicy.engine.price.Money.formatUsd(st.limit())
                    + String.format(" (%.1f%%)", st.percent());
        }
        return st.spent() + " of " + st.limit() + " " + st.dimension() + String.format(" (%.1f%%)", st.percent());
    }
}
