package io.llmpolicy.engine.compile;

import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.ast.Expr;
import io.llmpolicy.dsl.ast.Name;
import io.llmpolicy.dsl.check.CheckedPolicy;
import io.llmpolicy.dsl.fmt.ExprPrinter;
import io.llmpolicy.engine.budget.BudgetWindow;
import io.llmpolicy.engine.budget.CalendarUnit;
import io.llmpolicy.engine.budget.CalendarWindow;
import io.llmpolicy.engine.budget.Limits;
import io.llmpolicy.engine.budget.RollingWindow;
import io.llmpolicy.engine.route.runtime.StickyHash;
import io.llmpolicy.engine.route.runtime.WeightedSplit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a {@link CheckedPolicy} into a {@link Plan}. Stages: models (names to indices), budgets (so routes can
 * read {@code budget(...)}), routes with their index, trace settings. The checker has already rejected every
 * policy this could fail on; an exception here is a bug.
 */
public final class PolicyCompiler {
    private PolicyCompiler() {}

    public static Plan compile(CheckedPolicy policy, AttributeSlots slots, PluginFunctions functions) {
        return compile(policy, slots, functions, DEFAULT_REDACTION_KEY);
    }

    /** Key of {@code redact ... as hash} when the embedder configures none: hashes are stable within the process only. */
    private static final byte[] DEFAULT_REDACTION_KEY = new java.security.SecureRandom().generateSeed(32);

    public static Plan compile(CheckedPolicy policy, AttributeSlots slots, PluginFunctions functions, byte[] redactionKey) {
        Map<String, Integer> modelIndex = new LinkedHashMap<>();
        List<Plan.ModelInfo> models = new ArrayList<>();
        for (Decl.Model m : policy.models().values()) {
            int i = models.size();
            modelIndex.put(m.alias().text(), i);
            models.add(model(i, m));
        }
        Map<String, Integer> budgetIndex = new LinkedHashMap<>();
        for (Decl.Budget b : policy.budgets()) budgetIndex.put(b.name().text(), budgetIndex.size());
        for (String attr : policy.declaredAttributes().keySet()) slots.slot(attr);
        ExprCompiler exprs = new ExprCompiler(policy, slots, modelIndex, budgetIndex, functions);
        List<Plan.AttributeSpec> attributes = new ArrayList<>();
        for (Decl.Attribute a : policy.declaredAttributes().values()) {
            Object def = a.defaultValue() == null ? null : exprs.compile(a.defaultValue()).value(new EvalContext());
            attributes.add(new Plan.AttributeSpec(a.name().text(), slots.slot(a.name().text()),
                    policy.attributes().get(a.name().text()), def, a.type().optional()));
        }

        List<Plan.Budget> budgets = new ArrayList<>();
        for (Decl.Budget b : policy.budgets()) budgets.add(budget(budgets.size(), b, exprs, modelIndex));

        List<Plan.Route> routes = new ArrayList<>();
        List<Expr> routeConditions = new ArrayList<>();
        for (Decl.Route r : policy.routes()) {
            routes.add(route(routes.size(), r, exprs, modelIndex, models.size()));
            routeConditions.add(r.mods().when());
        }
        RuleIndex routeIndex = RuleIndex.build(routeConditions, exprs);
        List<GuardPlan> guards = new ArrayList<>();
        for (Decl.Guardrail g : policy.guardrails()) guards.add(GuardCompiler.compile(g, policy, exprs, redactionKey));
        List<EvalPlan> evals = new ArrayList<>();
        for (Decl.Eval e : policy.evals()) evals.add(EvalCompiler.compile(e, exprs));
        return new Plan(policy.name(), policy.version(), policy.contentHash(), List.copyOf(models), Map.copyOf(modelIndex),
                List.copyOf(routes), routeIndex, List.copyOf(budgets), Map.copyOf(budgetIndex), List.copyOf(attributes), slots.size(),
                List.copyOf(guards), List.copyOf(evals), trace(policy.trace()));
    }

    static Plan.ModelInfo model(int index, Decl.Model m) {
        long in = 0, out = 0, cached = -1, context = 0, maxOutput = 0;
        String encoding = null;
        boolean priced = false;
        List<String> tags = List.of();
        for (Decl.ModelClause c : m.clauses()) {
            switch (c) {
                case Decl.PriceClause p -> {
                    priced = true;
                    for (Decl.PriceItem item : p.items()) {
                        long pico = picoPerToken(item.usd(), item.per());
                        switch (item.kind()) {
                            case IN -> in = pico;
                            case OUT -> out = pico;
                            case CACHED -> cached = pico;
                        }
                    }
                }
                case Decl.ContextClause x -> context = tokens(x.tokens());
                case Decl.MaxOutputClause x -> maxOutput = tokens(x.tokens());
                case Decl.TagsClause t -> tags = t.tags().stream().map(e -> ((Expr.Str) e).value()).toList();
                case Decl.EncodingClause e -> encoding = e.encoding();
            }
        }
        return new Plan.ModelInfo(index, m.alias().text(), m.provider().text(), m.providerModel(), in, out,
                cached < 0 ? in : cached, context, maxOutput, encoding, tags, priced);
    }

    /** USD per {@code per} tokens to pico-USD per token ($2.50/M = 2,500,000 pico per token), rounded half up. */
    static long picoPerToken(BigDecimal usd, long per) {
        return usd.movePointRight(12).divide(BigDecimal.valueOf(per), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long tokens(Expr e) {
        BigDecimal v = e instanceof Expr.Num n ? n.value() : ((Expr.Quantity) e).value();
        return v.longValueExact();
    }

    private static Plan.Route route(int index, Decl.Route r, ExprCompiler exprs, Map<String, Integer> models, int modelCount) {
        List<Plan.RouteStatement> statements = new ArrayList<>();
        Plan.Fallback[] fallbacks = new Plan.Fallback[modelCount];
        List<Plan.DowngradeRule> downgrades = new ArrayList<>();
        for (Decl.RouteStmt s : r.statements()) {
            switch (s) {
                case Decl.RouteWhen w -> statements.add(new Plan.RouteStatement(exprs.condition(w.condition()),
                        target(w.target(), exprs, models, r.name().text()), "when " + ExprPrinter.print(w.condition())));
                case Decl.RouteOtherwise o -> statements.add(new Plan.RouteStatement(null,
                        target(o.target(), exprs, models, r.name().text()), "otherwise"));
                case Decl.Fallback f -> {
                    int[] chain = f.chain().stream().mapToInt(n -> models.get(n.text())).toArray();
                    Set<String> classes = new HashSet<>();
                    for (Name c : f.errorClasses()) classes.add(c.text());
                    int retries = f.retry() == null ? 0 : f.retry().value().intValue();
                    long cooldown = f.cooldown() == null ? 0 : f.cooldown().value().toMillis();
                    // A chain A -> B -> C also serves B (then C): each model gets the rest of the chain after it,
                    // unless a chain of its own was declared earlier.
                    for (int i = 0; i < chain.length; i++) {
                        if (fallbacks[chain[i]] == null || i == 0) {
                            if (i > 0 && fallbacks[chain[i]] != null) continue;
                            int[] rest = java.util.Arrays.copyOfRange(chain, i, chain.length);
                            if (i == 0 || fallbacks[chain[i]] == null) fallbacks[chain[i]] = new Plan.Fallback(rest, Set.copyOf(classes), retries, cooldown);
                        }
                    }
                }
                case Decl.Downgrade d -> downgrades.add(new Plan.DowngradeRule(models.get(d.from().text()),
                        models.get(d.to().text()), exprs.condition(d.condition())));
            }
        }
        return new Plan.Route(index, r.name().text(), r.mods().when() == null ? null : exprs.condition(r.mods().when()),
                r.mods().monitor(), List.copyOf(statements), fallbacks, List.copyOf(downgrades));
    }

    private static Plan.Target target(Decl.Target t, ExprCompiler exprs, Map<String, Integer> models, String route) {
        return switch (t) {
            case Decl.ModelTarget m -> new Plan.Single(models.get(m.model().text()));
            case Decl.Split s -> {
                int[] bps = s.arms().stream().mapToInt(a -> a.weight().value().movePointRight(2).intValueExact()).toArray();
                int[] arms = s.arms().stream().mapToInt(a -> models.get(a.model().text())).toArray();
                yield new Plan.Split(s.by() == null ? null : exprs.compile(s.by()), WeightedSplit.ofBasisPoints(bps), arms,
                        StickyHash.withSalt("route:" + route));
            }
            case Decl.Choose c -> new Plan.Choose(c.strategy() == Decl.Strategy.LOWEST_COST ? Plan.Strategy.LOWEST_COST
                    : Plan.Strategy.LEAST_LATENCY, c.models().stream().mapToInt(n -> models.get(n.text())).toArray());
        };
    }

    private static Plan.Budget budget(int index, Decl.Budget b, ExprCompiler exprs, Map<String, Integer> models) {
        Node[] scope = new Node[b.scope().size()];
        boolean[] isModel = new boolean[scope.length];
        boolean usesTarget = false;
        for (int i = 0; i < scope.length; i++) {
            scope[i] = exprs.compile(b.scope().get(i));
            isModel[i] = exprs.type(b.scope().get(i)).kind() == io.llmpolicy.dsl.check.Type.Kind.MODEL;
            usesTarget |= mentionsTarget(b.scope().get(i));
        }
        ZoneId zone = ZoneOffset.UTC;
        int[] alerts = new int[0];
        Plan.OnExceeded action = Plan.OnExceeded.DENY;
        String reason = "budget '" + b.name().text() + "' exceeded";
        int downgrade = -1;
        long estimate = 256;
        for (Decl.BudgetStmt s : b.statements()) {
            switch (s) {
                case Decl.Timezone z -> zone = ZoneId.of(z.zone());
                case Decl.AlertAt a -> alerts = a.thresholds().stream().mapToInt(p -> p.value().movePointRight(2).intValue()).toArray();
                case Decl.OnExceeded o -> {
                    switch (o.action()) {
                        case Decl.Deny d -> {
                            action = Plan.OnExceeded.DENY;
                            if (d.reason() != null) reason = d.reason();
                        }
                        case Decl.DowngradeTo t -> {
                            action = Plan.OnExceeded.DOWNGRADE;
                            downgrade = models.get(t.model().text());
                        }
                        case Decl.MonitorOnly m -> action = Plan.OnExceeded.MONITOR;
                    }
                }
                case Decl.Estimate e -> estimate = exprs.compile(e.amount()).lng(new EvalContext());
                default -> { }
            }
        }
        // Limits in the same window share one counter; each window is its own counter.
        Map<String, long[]> byWindow = new LinkedHashMap<>();
        Map<String, BudgetWindow> windows = new LinkedHashMap<>();
        Map<String, List<String>> described = new LinkedHashMap<>();
        for (Decl.BudgetStmt s : b.statements()) {
            if (!(s instanceof Decl.Limit l)) continue;
            String w;
            BudgetWindow window;
            switch (l.window()) {
                case Decl.CalendarWindow c -> {
                    w = c.unit().text();
                    window = new CalendarWindow(CalendarUnit.valueOf(c.unit().text().toUpperCase(Locale.ROOT)), zone);
                }
                case Decl.RollingWindow r -> {
                    w = "rolling " + r.length().text();
                    window = new RollingWindow(r.length().value(), RollingWindow.DEFAULT_BUCKETS);
                }
            }
            long[] limits = byWindow.computeIfAbsent(w, k -> new long[] {Limits.UNLIMITED, Limits.UNLIMITED, Limits.UNLIMITED});
            windows.put(w, window);
            Node amount = exprs.compile(l.amount());
            long value = amount.lng(new EvalContext());
            switch (exprs.type(l.amount()).kind()) {
                case MONEY -> limits[1] = Math.min(limits[1], value);
                case REQUESTS -> limits[2] = Math.min(limits[2], value);
                default -> limits[0] = Math.min(limits[0], value);
            }
            described.computeIfAbsent(w, k -> new ArrayList<>()).add(ExprPrinter.print(l.amount()) + " per " + w);
        }
        List<Plan.BudgetLimit> limitList = new ArrayList<>();
        for (Map.Entry<String, long[]> e : byWindow.entrySet()) {
            long[] v = e.getValue();
            Limits limits = Limits.of(v[0], v[1], v[2]).withAlerts(alerts);
            String keyName = byWindow.size() == 1 ? b.name().text() : b.name().text() + "@" + e.getKey();
            limitList.add(new Plan.BudgetLimit(keyName, windows.get(e.getKey()), limits, String.join(", ", described.get(e.getKey()))));
        }
        return new Plan.Budget(index, b.name().text(), scope, isModel, usesTarget,
                b.mods().when() == null ? null : exprs.condition(b.mods().when()), b.mods().monitor(), List.copyOf(limitList),
                b.mods().monitor() ? Plan.OnExceeded.MONITOR : action, reason, downgrade, estimate);
    }

    /** Whether the expression reads {@code target} (the budget's key then depends on the candidate model). */
    private static boolean mentionsTarget(Expr e) {
        return switch (e) {
            case Expr.Ref r -> r.name().equals("target");
            case Expr.Member m -> mentionsTarget(m.target());
            case Expr.Call c -> c.args().stream().anyMatch(PolicyCompiler::mentionsTarget);
            case Expr.Unary u -> mentionsTarget(u.operand());
            case Expr.Binary b -> mentionsTarget(b.left()) || mentionsTarget(b.right());
            case Expr.Logical l -> l.operands().stream().anyMatch(PolicyCompiler::mentionsTarget);
            case Expr.In in -> mentionsTarget(in.element()) || mentionsTarget(in.collection());
            case Expr.Matches m -> mentionsTarget(m.subject());
            case Expr.ListLit l -> l.items().stream().anyMatch(PolicyCompiler::mentionsTarget);
            default -> false;
        };
    }

    private static Plan.TraceConfig trace(Decl.Trace t) {
        if (t == null) return Plan.TraceConfig.DEFAULT;
        String prompt = "none", response = "none";
        List<String> attrs = new ArrayList<>();
        for (Decl.TraceStmt s : t.statements()) {
            switch (s) {
                case Decl.TraceStore st -> {
                    if (st.what().text().equals("prompt")) prompt = st.how().text();
                    else response = st.how().text();
                }
                case Decl.TraceInclude in -> {
                    for (Expr e : in.values()) attrs.add(((Expr.Member) e).member().text());
                }
            }
        }
        return new Plan.TraceConfig(prompt, response, List.copyOf(attrs));
    }
}
