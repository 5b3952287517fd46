package io.llmpolicy.engine.compile;

import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.ast.Expr;
import io.llmpolicy.dsl.fmt.ExprPrinter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles {@code eval} declarations into {@link EvalPlan}s. */
final class EvalCompiler {
    private EvalCompiler() {}

    /** {@code METRIC CMP LITERAL}; other shapes (an {@code and} of aggregates, cost) are not evaluated online. */
    private static EvalPlan.OnlineAlert alert(Expr e, long window) {
        if (!(e instanceof Expr.Binary b)) return null;
        String cmp = switch (b.op()) {
            case LT, LE, GT, GE -> b.op().symbol;
            default -> null;
        };
        if (cmp == null) return null;
        String source = ExprPrinter.print(e);
        if (b.left() instanceof Expr.Ref r && r.name().equals("pass_rate") && b.right() instanceof Expr.Percent p) {
            return new EvalPlan.OnlineAlert("pass_rate", null, cmp, p.value().doubleValue() / 100.0, window, source);
        }
        if (b.left() instanceof Expr.Call c && c.args().size() == 1 && c.args().get(0) instanceof Expr.Ref r
                && (c.function().text().equals("mean") || c.function().text().equals("p95"))) {
            double threshold;
            if (b.right() instanceof Expr.Duration d) threshold = d.value().toMillis();
            else if (b.right() instanceof Expr.Num n) threshold = n.value().doubleValue();
            else if (b.right() instanceof Expr.Percent p) threshold = p.value().doubleValue() / 100.0;
            else return null;
            if (r.name().equals("cost")) return null;
            return new EvalPlan.OnlineAlert(c.function().text(), r.name(), cmp, threshold, window, source);
        }
        return null;
    }

    static EvalPlan compile(Decl.Eval e, ExprCompiler exprs) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        List<String> scorers = new ArrayList<>();
        for (Decl.EvalStmt s : e.statements()) {
            if (s instanceof Decl.Score sc) {
                scores.put(sc.name().text(), scores.size());
                scorers.add(sc.scorer());
            }
        }
        exprs.scores = scores;
        List<EvalPlan.Assertion> assertions = new ArrayList<>();
        List<EvalPlan.OnlineAlert> alerts = new ArrayList<>();
        double maxDrop = 0, alpha = 0.05;
        for (Decl.EvalStmt s : e.statements()) {
            switch (s) {
                case Decl.Assert a -> assertions.add(new EvalPlan.Assertion(
                        a.label() != null ? a.label() : ExprPrinter.print(a.condition()), exprs.condition(a.condition())));
                case Decl.EvalAlert a -> {
                    List<Expr> parts = a.condition() instanceof Expr.Logical l && l.op() == Expr.LogicalOp.OR ? l.operands() : List.of(a.condition());
                    for (Expr part : parts) {
                        EvalPlan.OnlineAlert alert = alert(part, a.window().value().toMillis());
                        if (alert != null) alerts.add(alert);
                    }
                }
                case Decl.Regression r -> {
                    maxDrop = r.maxDrop().value().doubleValue() / 100.0;
                    if (r.alpha() != null) alpha = r.alpha().value().doubleValue();
                }
                default -> { }
            }
        }
        EvalPlan plan = new EvalPlan(e.name().text(), e.sample() == null ? 1_000_000L
                : e.sample().value().movePointRight(4).longValue(),
                e.mods().when() == null ? null : exprs.condition(e.mods().when()), e.mods().monitor(), List.copyOf(assertions),
                List.copyOf(scores.keySet()), List.copyOf(scorers), List.copyOf(alerts), maxDrop, alpha);
        exprs.scores = Map.of();
        return plan;
    }
}
