package io.llmpolicy.engine;

import io.llmpolicy.dsl.PolicyLoader;
import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.ast.Expr;
import io.llmpolicy.dsl.check.CheckedPolicy;
import io.llmpolicy.dsl.source.Span;
import io.llmpolicy.engine.budget.InMemoryBudgetStore;
import io.llmpolicy.engine.budget.Usage;
import io.llmpolicy.engine.compile.AttributeSlots;
import io.llmpolicy.engine.compile.Plan;
import io.llmpolicy.engine.compile.PolicyCompiler;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a policy's {@code test} blocks. Each test gets a fresh engine state (empty budgets, no cooldowns), applies its
 * {@code given} presets, decides its request, completes it with its recorded response if it has one, and checks
 * every expectation. Thread-safe (no shared state).
 */
public final class PolicyTests {
    private PolicyTests() {}

    /** One test's result; {@code failures} is empty when it passed. */
    public record Result(String file, String name, Span span, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** @throws PolicyLoadException when the policy does not check */
    public static List<Result> run(Path file) {
        PolicyLoader.Result loaded = PolicyLoader.load(file);
        if (!loaded.ok()) throw new PolicyLoadException(loaded);
        return run(loaded.policy(), file.toString());
    }

    public static List<Result> run(CheckedPolicy policy, String fileName) {
        try (ScriptBindings scripts = new ScriptBindings(policy.baseDir())) {
            Plan plan = PolicyCompiler.compile(policy, new AttributeSlots(),
                    new PluginBindings(null, scripts).functions(policy.scripts()));
            List<Result> results = new ArrayList<>();
            int n = 0;
            for (Decl.Test test : policy.tests()) {
                n++;
                results.add(runOne(policy, plan, test, fileName, n));
            }
            return results;
        }
    }

    private static Result runOne(CheckedPolicy policy, Plan plan, Decl.Test test, String file, int n) {
        List<String> failures = new ArrayList<>();
        try {
            Decider decider = new Decider(plan, new InMemoryBudgetStore());
            LlmRequest request = request(policy, test, n);
            long now = request.timestamp() != null ? request.timestamp().toEpochMilli() : Instant.parse("2026-01-15T12:00:00Z").toEpochMilli();
            for (Decl.TestStmt s : test.statements()) {
                if (s instanceof Decl.Given g) decider.preset(g.budget().text(), usage(policy, g.spent()), request, now);
            }
            Decision decision = decider.decide(request, now);
            Outcome outcome = null;
            for (Decl.TestStmt s : test.statements()) {
                if (s instanceof Decl.TestResponse r && decision.allowed()) outcome = decider.complete(decision, response(policy, r));
            }
            for (Decl.TestStmt s : test.statements()) {
                if (s instanceof Decl.Expect e) check(e.expectation(), decision, outcome, failures);
            }
        } catch (RuntimeException e) {
            failures.add("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Result(file, test.name(), test.span(), List.copyOf(failures));
    }

    private static void check(Decl.Expectation x, Decision d, Outcome o, List<String> failures) {
        switch (x) {
            case Decl.ExpectAllow a -> {
                if (!d.allowed()) failures.add("expected allow, got deny: " + d.reasons());
            }
            case Decl.ExpectDeny deny -> {
                if (d.allowed()) failures.add("expected deny, got allow -> " + d.target());
                else if (deny.reason() != null && !d.reasons().contains(deny.reason())) {
                    failures.add("expected deny \"" + deny.reason() + "\", got deny " + d.reasons());
                }
            }
            case Decl.ExpectRoute r -> {
                if (!Objects.equals(d.target(), r.model().text())) {
                    failures.add("expected route " + r.model().text() + ", got " + (d.allowed() ? d.target() : "deny " + d.reasons()));
                }
            }
            case Decl.ExpectFallbacks f -> {
                List<String> want = f.models().stream().map(io.llmpolicy.dsl.ast.Name::text).toList();
                if (!want.equals(d.fallbacks())) failures.add("expected fallbacks " + want + ", got " + d.fallbacks());
            }
            case Decl.ExpectRule r -> {
                if (!d.rules().contains(r.rule().text())) failures.add("expected rule " + r.rule().text() + " to fire, fired: " + d.rules());
            }
            case Decl.ExpectBudget b -> {
                List<BudgetState> states = o != null ? o.budgets() : d.budgets();
                String got = states.stream().filter(s -> s.name().equals(b.budget().text())).map(BudgetState::state)
                        .reduce((p, q) -> rank(q) > rank(p) ? q : p).orElse("not counted");
                if (!got.equals(b.state().text())) failures.add("expected budget " + b.budget().text() + " " + b.state().text() + ", got " + got);
            }
            case Decl.ExpectFinding f -> {
                List<GuardFinding> all = new ArrayList<>(d.findings());
                if (o != null) all.addAll(o.findings());
                if (all.stream().noneMatch(g -> g.detector().equals(f.detector()))) {
                    failures.add("expected finding " + f.detector() + ", found " + all.stream().map(GuardFinding::detector).toList());
                }
            }
            case Decl.ExpectNoFindings f -> {
                List<GuardFinding> all = new ArrayList<>(d.findings());
                if (o != null) all.addAll(o.findings());
                if (!all.isEmpty()) failures.add("expected no findings, found " + all.stream().map(GuardFinding::detector).toList());
            }
            case Decl.ExpectRedacted r -> {
                String got = String.join("\n", d.messages().stream().map(Message::content).toList());
                if (!got.equals(r.text())) failures.add("expected redacted \"" + r.text() + "\", got \"" + got + "\"");
            }
            case Decl.ExpectEval e -> {
                List<EvalResult> results = o == null ? List.of() : o.evals().stream().filter(r -> r.eval().equals(e.eval().text())).toList();
                String got = results.isEmpty() ? "skipped" : results.stream().allMatch(EvalResult::pass) ? "pass" : "fail";
                if (!got.equals(e.outcome().text())) failures.add("expected eval " + e.eval().text() + " " + e.outcome().text() + ", got " + got
                        + (o == null ? " (the test has no response { })" : ""));
            }
        }
    }

    private static int rank(String state) {
        return switch (state) {
            case "exceeded" -> 2;
            case "alert" -> 1;
            default -> 0;
        };
    }

    static LlmRequest request(CheckedPolicy policy, Decl.Test test, int n) {
        LlmRequest.Builder b = LlmRequest.builder("test-" + n);
        for (Decl.TestStmt s : test.statements()) {
            if (!(s instanceof Decl.TestRequest r)) continue;
            for (Decl.Field f : r.fields()) {
                Object v = value(policy, f.value());
                switch (f.key().text()) {
                    case "id" -> b = rebuildId(b, (String) v);
                    case "prompt" -> b.user((String) v);
                    case "system" -> b.system((String) v);
                    case "model" -> b.model((String) v);
                    case "max_tokens" -> b.maxTokens(((Number) v).longValue());
                    case "time" -> b.timestamp(Instant.parse((String) v));
                    default -> b.attribute(f.key().text(), v);
                }
            }
        }
        return b.build();
    }

    private static LlmRequest.Builder rebuildId(LlmRequest.Builder old, String id) {
        LlmRequest prev = old.build();
        LlmRequest.Builder b = LlmRequest.builder(id).timestamp(prev.timestamp()).model(prev.model()).messages(prev.messages()).inputTokens(prev.inputTokens())
                .maxTokens(prev.maxTokens()).metadata(prev.metadata());
        return b;
    }

    private static LlmResponse response(CheckedPolicy policy, Decl.TestResponse r) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (Decl.Field field : r.fields()) f.put(field.key().text(), value(policy, field.value()));
        String error = (String) f.get("error");
        int status = f.get("status") == null ? (error == null ? 200 : 500) : ((Number) f.get("status")).intValue();
        return new LlmResponse(status, (String) f.getOrDefault("content", ""), (String) f.get("model"),
                num(f.get("input_tokens")), num(f.get("output_tokens")), num(f.get("cached_input_tokens")),
                f.get("latency") == null ? -1 : num(f.get("latency")), error, -1);
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static Usage usage(CheckedPolicy policy, Expr spent) {
        return switch (spent) {
            case Expr.Money m -> new Usage(0, m.usd().movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact(), 0);
            case Expr.Quantity q when q.unit() == Expr.QuantityUnit.TOKENS -> new Usage(q.value().longValue(), 0, 0);
            case Expr.Quantity q -> new Usage(0, 0, q.value().longValue());
            case Expr.Ref r -> usage(policy, policy.consts().get(r.name()).value());
            default -> throw new IllegalArgumentException("given budget ... spent needs a literal amount");
        };
    }

    /** A test literal in the JSON-like form requests carry. */
    static Object value(CheckedPolicy policy, Expr e) {
        return switch (e) {
            case Expr.Str s -> s.value();
            case Expr.Num x -> x.value().stripTrailingZeros().scale() <= 0 ? (Object) x.value().longValue() : (Object) x.value().doubleValue();
            case Expr.Quantity q -> q.value().longValue();
            case Expr.Money m -> m.usd();
            case Expr.Duration d -> d.value().toMillis();
            case Expr.Percent p -> p.value().doubleValue();
            case Expr.Bool b -> b.value();
            case Expr.Null x -> null;
            case Expr.ListLit l -> l.items().stream().map(i -> value(policy, i)).toList();
            case Expr.Ref r -> policy.consts().containsKey(r.name()) ? value(policy, policy.consts().get(r.name()).value()) : r.name();
            case Expr.Unary u when u.op() == Expr.UnaryOp.NEGATE && value(policy, u.operand()) instanceof Number num ->
                    num instanceof Long l ? (Object) (-l) : (Object) (-num.doubleValue());
            default -> throw new IllegalArgumentException("test values must be literals: " + e);
        };
    }
}
