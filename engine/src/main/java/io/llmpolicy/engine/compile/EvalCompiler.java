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
        List<EvalPlan.PassRateAlert> alerts = new ArrayList<>();
        double maxDrop = 0, alpha = 0.05;
        for (Decl.EvalStmt s : e.statements()) {
            switch (s) {
                case Decl.Assert a -> assertions.add(new EvalPlan.Assertion(
                        a.label() != null ? a.label() : ExprPrinter.print(a.condition()), exprs.condition(a.condition())));
                case Decl.EvalAlert a -> {
                    if (a.condition() instanceof Expr.Binary b && b.left() instanceof Expr.Ref r && r.name().equals("pass_rate")
                            && b.right() instanceof Expr.Percent p) {
                        alerts.add(new EvalPlan.PassRateAlert(b.op().symbol, p.value().doubleValue() / 100.0,
                                a.window().value().toMillis(), ExprPrinter.print(a.condition())));
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
