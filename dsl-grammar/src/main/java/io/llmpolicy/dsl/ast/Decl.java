package io.llmpolicy.dsl.ast;

import io.llmpolicy.dsl.source.Span;
import java.math.BigDecimal;
import java.util.List;

/**
 * Top-level declarations. Fields documented as "may be null" are optional parts of the syntax.
 * Rules (route, budget, guardrail, eval) share {@link RuleMods}: an applicability condition and monitor mode.
 */
public sealed interface Decl {
    Span span();

    /** {@code when} may be null; {@code monitor} rules are evaluated and reported, never enforced. */
    record RuleMods(Expr when, boolean monitor) {}

    /** {@code const NAME [: type] = expr}; {@code type} may be null. */
    record Const(Span span, Name name, TypeRef type, Expr value) implements Decl {}

    record RequestSchema(Span span, List<Attribute> attributes) implements Decl {}

    /** {@code defaultValue} may be null. */
    record Attribute(Span span, Name name, TypeRef type, Expr defaultValue) {}

    record Model(Span span, Name alias, Name provider, String providerModel, List<ModelClause> clauses) implements Decl {}

    sealed interface ModelClause {
        Span span();
    }

    record PriceClause(Span span, List<PriceItem> items) implements ModelClause {}

    enum PriceKind { IN, OUT, CACHED }

    /** A price in USD per {@code per} tokens ({@code $2.50/M}: per = 1,000,000). */
    record PriceItem(Span span, PriceKind kind, BigDecimal usd, long per, String text) {}

    record ContextClause(Span span, Expr tokens) implements ModelClause {}

    record MaxOutputClause(Span span, Expr tokens) implements ModelClause {}

    record TagsClause(Span span, List<Expr> tags) implements ModelClause {}

    record EncodingClause(Span span, String encoding) implements ModelClause {}

    /**
     * A function declared with its signature so calls are type-checked: provided by a plugin ({@code plugin} set) or
     * written in JavaScript ({@code script} set), never both.
     */
    record Function(Span span, Name name, List<Param> params, TypeRef returns, String plugin, Script script) implements Decl {}

    /**
     * JavaScript defining the function: in a file next to the policy ({@code file}), or inline ({@code code}, whose
     * first character is at {@code codeSpan}'s start, so script errors map to policy lines and columns).
     */
    record Script(Span span, String file, String code, Span codeSpan) {}

    record Param(Span span, Name name, TypeRef type) {}

    /**
     * {@code scripts { statements 200k  timeout 100ms  allocation 32M }}: limits on every script call of the
     * policy. Settings are kept as written (name and literal); the checker validates them.
     */
    record Scripts(Span span, List<ScriptSetting> settings) implements Decl {}

    /** One {@code name value} line of a {@link Scripts} block. */
    record ScriptSetting(Span span, Name name, Expr value) {}

    record Trace(Span span, List<TraceStmt> statements) implements Decl {}

    sealed interface TraceStmt {
        Span span();
    }

    /** {@code store prompt as hash}. */
    record TraceStore(Span span, Name what, Name how) implements TraceStmt {}

    /** {@code include request.team, request.user}. */
    record TraceInclude(Span span, List<Expr> values) implements TraceStmt {}

    // ---- routing ----

    record Route(Span span, Name name, RuleMods mods, List<RouteStmt> statements) implements Decl {}

    sealed interface RouteStmt {
        Span span();
    }

    record RouteWhen(Span span, Expr condition, Target target) implements RouteStmt {}

    record RouteOtherwise(Span span, Target target) implements RouteStmt {}

    /** {@code retry} may be null (no retries), {@code cooldown} may be null (no cooldown). */
    record Fallback(Span span, List<Name> chain, List<Name> errorClasses, Expr.Num retry, Expr.Duration cooldown)
            implements RouteStmt {}

    record Downgrade(Span span, Name from, Name to, Expr condition) implements RouteStmt {}

    sealed interface Target {
        Span span();
    }

    record ModelTarget(Span span, Name model) implements Target {}

    /** {@code by} may be null: then the request id is the sticky key. */
    record Split(Span span, Expr by, List<Weighted> arms) implements Target {}

    record Weighted(Span span, Expr.Percent weight, Name model) {}

    enum Strategy { LOWEST_COST, LEAST_LATENCY }

    record Choose(Span span, Strategy strategy, List<Name> models) implements Target {}

    // ---- budgets ----

    record Budget(Span span, Name name, List<Expr> scope, RuleMods mods, List<BudgetStmt> statements) implements Decl {}

    sealed interface BudgetStmt {
        Span span();
    }

    /** {@code amount} is an {@link Expr.Money} or an {@link Expr.Quantity} / {@link Expr.Num} count. */
    record Limit(Span span, Expr amount, Window window) implements BudgetStmt {}

    sealed interface Window {
        Span span();
    }

    /** {@code per month}: minute, hour, day, week or month in the budget's time zone. */
    record CalendarWindow(Span span, Name unit) implements Window {}

    record RollingWindow(Span span, Expr.Duration length) implements Window {}

    record AlertAt(Span span, List<Expr.Percent> thresholds) implements BudgetStmt {}

    record OnExceeded(Span span, Action action) implements BudgetStmt {}

    record Timezone(Span span, String zone) implements BudgetStmt {}

    /** {@code estimate output 500 tokens}: reserved when a request has no max_tokens. */
    record Estimate(Span span, Name what, Expr amount) implements BudgetStmt {}

    sealed interface Action {
        Span span();
    }

    /** {@code reason} may be null. */
    record Deny(Span span, String reason) implements Action {}

    record DowngradeTo(Span span, Name model) implements Action {}

    record MonitorOnly(Span span) implements Action {}

    // ---- guardrails ----

    record Guardrail(Span span, Name name, Name phase, RuleMods mods, List<GuardStmt> statements) implements Decl {}

    enum Verb { DENY, REDACT, FLAG }

    /** {@code redactAs} and {@code reason} may be null. */
    record GuardStmt(Span span, Verb verb, Check check, Name redactAs, String reason) {}

    sealed interface Check {
        Span span();
    }

    record WhenCheck(Span span, Expr condition) implements Check {}

    /** Empty {@code kinds} means every kind. */
    record PiiCheck(Span span, List<Name> kinds) implements Check {}

    record SecretsCheck(Span span, List<Name> kinds) implements Check {}

    record InjectionCheck(Span span) implements Check {}

    /** Either {@code phrases} (inline) or {@code file} (one phrase per line, next to the policy) is set. */
    record PhrasesCheck(Span span, List<Expr> phrases, String file) implements Check {}

    record RegexCheck(Span span, Expr.Regex regex) implements Check {}

    record SizeCheck(Span span, Expr amount) implements Check {}

    /** {@code schemaFile} may be null (then only JSON validity is checked). */
    record JsonCheck(Span span, String schemaFile) implements Check {}

    record PluginCheck(Span span, String detector) implements Check {}

    // ---- evals ----

    /** {@code sample} may be null (every request). */
    record Eval(Span span, Name name, Expr.Percent sample, RuleMods mods, List<EvalStmt> statements) implements Decl {}

    sealed interface EvalStmt {
        Span span();
    }

    /** {@code label} may be null. */
    record Assert(Span span, String label, Expr condition) implements EvalStmt {}

    record Score(Span span, Name name, String scorer) implements EvalStmt {}

    record EvalAlert(Span span, Expr condition, Expr.Duration window) implements EvalStmt {}

    /** {@code alpha} may be null (0.05). */
    record Regression(Span span, Expr.Percent maxDrop, Expr.Num alpha) implements EvalStmt {}

    // ---- tests ----

    record Test(Span span, String name, List<TestStmt> statements) implements Decl {}

    sealed interface TestStmt {
        Span span();
    }

    record TestRequest(Span span, List<Field> fields) implements TestStmt {}

    record TestResponse(Span span, List<Field> fields) implements TestStmt {}

    record Given(Span span, Name budget, Expr spent) implements TestStmt {}

    record Expect(Span span, Expectation expectation) implements TestStmt {}

    record Field(Span span, Name key, Expr value) {}

    sealed interface Expectation {
        Span span();
    }

    record ExpectAllow(Span span) implements Expectation {}

    /** {@code reason} may be null (any reason). */
    record ExpectDeny(Span span, String reason) implements Expectation {}

    record ExpectRoute(Span span, Name model) implements Expectation {}

    record ExpectFallbacks(Span span, List<Name> models) implements Expectation {}

    record ExpectRule(Span span, Name rule) implements Expectation {}

    record ExpectFinding(Span span, String detector) implements Expectation {}

    record ExpectNoFindings(Span span) implements Expectation {}

    record ExpectBudget(Span span, Name budget, Name state) implements Expectation {}

    record ExpectEval(Span span, Name eval, Name outcome) implements Expectation {}

    record ExpectRedacted(Span span, String text) implements Expectation {}
}
