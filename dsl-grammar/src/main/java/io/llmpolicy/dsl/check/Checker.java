package io.llmpolicy.dsl.check;

import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.ast.Decl.*;
import io.llmpolicy.dsl.ast.Expr;
import io.llmpolicy.dsl.ast.Name;
import io.llmpolicy.dsl.ast.PolicyFile;
import io.llmpolicy.dsl.ast.TypeRef;
import io.llmpolicy.dsl.diag.Code;
import io.llmpolicy.dsl.diag.Diagnostics;
import io.llmpolicy.dsl.source.Span;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed policy and its imports. Stages, in order:
 * <ol>
 *   <li>declare: collect every definition by name (duplicates are E201, pointing at the first one);</li>
 *   <li>types: resolve written types, type constants in declaration order;</li>
 *   <li>rules: check routes, budgets, guardrails, evals, the trace block and tests against the scope;</li>
 *   <li>lint: unreachable and shadowed rules, unused definitions, unpriced models (warnings).</li>
 * </ol>
 * Returns null when there is any error; diagnostics say why.
 */
public final class Checker {
    private final Diagnostics diagnostics;
    private ScriptSettings scripts = ScriptSettings.DEFAULTS;
    private final Scope scope = new Scope();
    private final ExprTyper typer;
    private final Map<String, Span> firstDefinition = new HashMap<>();

    private Checker(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.typer = new ExprTyper(scope, diagnostics);
    }

    /**
     * @param files the main file first, then every imported file
     * @param baseDir directory of the main file (for files the policy names)
     */
    public static CheckedPolicy check(List<PolicyFile> files, Path baseDir, String contentHash, Diagnostics diagnostics) {
        return new Checker(diagnostics).run(files, baseDir, contentHash);
    }

    private CheckedPolicy run(List<PolicyFile> files, Path baseDir, String contentHash) {
        PolicyFile main = files.get(0);
        // Imports are declared before the main file so that constants they define can be used by it.
        List<PolicyFile> order = new ArrayList<>(files.subList(1, files.size()));
        order.add(main);
        for (PolicyFile f : order) for (Decl d : f.decls()) declare(d, f == main);
        for (PolicyFile f : order) for (Decl d : f.decls()) types(d);
        for (PolicyFile f : order) for (Decl d : f.decls()) rules(d, baseDir, f == main);
        // A file with definitions only (a shared catalog) is checked for errors; unused warnings would be noise.
        // Lint only a policy without errors: "unused" and "unreachable" are noise while references are broken.
        if (!diagnostics.hasErrors() && main.decls().stream().anyMatch(d -> d instanceof Route || d instanceof Budget
                || d instanceof Guardrail || d instanceof Eval || d instanceof Test)) {
            lint(main, order);
        }

        String name = main.header() == null ? stem(main.span().file()) : main.header().name();
        String version = main.header() == null || main.header().version() == null ? "0" : main.header().version();
        boolean library = main.decls().stream().noneMatch(d -> d instanceof Route || d instanceof Budget
                || d instanceof Guardrail || d instanceof Eval || d instanceof Test);
        if (main.header() == null && !library) {
            Span first = main.decls().isEmpty() ? main.span() : main.decls().get(0).span();
            diagnostics.add(io.llmpolicy.dsl.diag.Diagnostic.of(Code.W504, new Span(first.file(), first.start(), first.start(), first.line(), first.column(), first.line(), first.column()),
                    "policy has no header; using the name '" + name + "' and version '0'",
                    "start the file with: policy \"" + name + "\" version \"1\""));
        }
        if (diagnostics.hasErrors()) return null;
        Decl.Trace trace = null;
        List<Decl.Route> routes = new ArrayList<>();
        List<Decl.Budget> budgets = new ArrayList<>();
        List<Decl.Guardrail> guardrails = new ArrayList<>();
        List<Decl.Eval> evals = new ArrayList<>();
        for (PolicyFile f : order) {
            for (Decl d : f.decls()) {
                switch (d) {
                    case Decl.Trace t -> trace = t;
                    case Decl.Route r -> routes.add(r);
                    case Decl.Budget b -> budgets.add(b);
                    case Decl.Guardrail g -> guardrails.add(g);
                    case Decl.Eval e -> evals.add(e);
                    default -> { }
                }
            }
        }
        List<Decl.Test> tests = main.decls().stream().filter(d -> d instanceof Decl.Test).map(d -> (Decl.Test) d).toList();
        return new CheckedPolicy(name, version, contentHash, baseDir, List.copyOf(files), Map.copyOf(scope.consts),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scope.attributes)),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scope.declaredAttributes)),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scope.models)),
                Map.copyOf(scope.functions), List.copyOf(routes), List.copyOf(budgets), List.copyOf(guardrails),
                List.copyOf(evals), tests, trace, scripts, java.util.Collections.unmodifiableMap(typer.types));
    }

    private static String stem(String file) {
        String base = Path.of(file).getFileName().toString();
        return base.endsWith(".llmpolicy") ? base.substring(0, base.length() - ".llmpolicy".length()) : base;
    }

    // ---- stage 1: declare ----

    private void declare(Decl d, boolean main) {
        switch (d) {
            case Const c -> define("const", c.name(), scope.consts, c);
            case RequestSchema r -> {
                for (Attribute a : r.attributes()) {
                    if (Builtins.REQUEST_ATTRIBUTES.containsKey(a.name().text())) {
                        diagnostics.error(Code.E201, a.name().span(), "'" + a.name().text() + "' is a built-in request attribute",
                                "every request has " + String.join(", ", Builtins.REQUEST_ATTRIBUTES.keySet()) + "; pick another name");
                    } else {
                        define("attribute", a.name(), scope.declaredAttributes, a);
                    }
                }
            }
            case Model m -> define("model", m.alias(), scope.models, m);
            case Function f -> define("function", f.name(), scope.functions, f);
            case Route r -> define("route", r.name(), scope.routes, r);
            case Budget b -> define("budget", b.name(), scope.budgets, b);
            case Guardrail g -> define("guardrail", g.name(), scope.guardrails, g);
            case Eval e -> define("eval", e.name(), scope.evals, e);
            case Test t -> {
                if (main) define("test", new Name(t.name(), t.span()), scope.tests, t);
            }
            case Decl.Scripts x -> {
                if (firstDefinition.containsKey("scripts:")) {
                    diagnostics.error(Code.E201, x.span(), "a policy has one scripts block", "first one at " + firstDefinition.get("scripts:").position());
                }
                firstDefinition.putIfAbsent("scripts:", x.span());
            }
            case Decl.Trace t -> {
                if (firstDefinition.containsKey("trace:")) {
                    diagnostics.error(Code.E201, t.span(), "a policy has one trace block", "first one at " + firstDefinition.get("trace:").position());
                }
                firstDefinition.putIfAbsent("trace:", t.span());
            }
        }
    }

    private <T> void define(String kind, Name name, Map<String, T> into, T value) {
        String key = kind + ":" + name.text();
        Span first = firstDefinition.get(key);
        if (first != null) {
            diagnostics.error(Code.E201, name.span(), kind + " '" + name.text() + "' is defined twice", "first defined at " + first.position());
            return;
        }
        if (Builtins.FUNCTIONS.containsKey(name.text()) && kind.equals("function")) {
            diagnostics.error(Code.E201, name.span(), "'" + name.text() + "' is a built-in function", "pick another name");
            return;
        }
        firstDefinition.put(key, name.span());
        into.put(name.text(), value);
    }

    // ---- stage 2: types ----

    private void types(Decl d) {
        switch (d) {
            case Const c -> {
                Type declared = c.type() == null ? null : resolveChecked(c.type());
                Type actual = typer.type(c.value(), Context.CONST);
                if (declared != null && !declared.accepts(actual)) {
                    diagnostics.error(declared.isNumeric() && actual.isNumeric() ? Code.E301 : Code.E300, c.value().span(),
                            "const '" + c.name().text() + "' is declared " + declared + " but its value is " + ExprTyper.article(actual),
                            ExprTyper.unitHelp(declared, actual));
                }
                if (scope.consts.get(c.name().text()) == c) scope.constTypes.put(c.name().text(), declared != null ? declared : actual);
            }
            case RequestSchema r -> {
                for (Attribute a : r.attributes()) {
                    Type t = resolveChecked(a.type());
                    if (scope.declaredAttributes.get(a.name().text()) == a) scope.attributes.put(a.name().text(), t);
                }
            }
            case Function f -> {
                for (Param p : f.params()) resolveChecked(p.type());
                resolveChecked(f.returns());
            }
            default -> { }
        }
    }

    /** A written type as a {@link Type}; unknown names become {@link Type#ERROR}. */
    static Type resolve(TypeRef ref, Diagnostics diagnostics) {
        Type argument = ref.argument() == null ? null : resolve(ref.argument(), diagnostics);
        Type t = Type.named(ref.name(), argument);
        if (t == null || (ref.argument() != null && !ref.name().equals("list"))) {
            if (diagnostics != null) {
                diagnostics.error(Code.E211, ref.span(), "unknown type '" + ref.text() + "'",
                        Suggest.didYouMean(ref.name(), Type.NAMES) != null ? Suggest.didYouMean(ref.name(), Type.NAMES)
                                : "types are " + String.join(", ", Type.NAMES.subList(0, 9)) + " and list<T>");
            }
            return Type.ERROR;
        }
        return t;
    }

    private Type resolveChecked(TypeRef ref) {
        return resolve(ref, diagnostics);
    }

    // ---- stage 3: rules ----

    private void rules(Decl d, Path baseDir, boolean main) {
        switch (d) {
            case RequestSchema r -> {
                for (Attribute a : r.attributes()) {
                    if (a.defaultValue() == null) continue;
                    Type t = scope.attributes.getOrDefault(a.name().text(), Type.ERROR);
                    typer.expect(a.defaultValue(), Context.CONST, t, "the default of '" + a.name().text() + "'");
                }
            }
            case Model m -> model(m);
            case Function f -> {
                if (f.script() != null && f.script().file() != null) file(f.script().file(), f.script().span(), baseDir);
            }
            case Decl.Trace t -> trace(t);
            case Decl.Scripts x -> scripts = scripts(x);
            case Route r -> route(r);
            case Budget b -> budget(b);
            case Guardrail g -> guardrail(g, baseDir);
            case Eval e -> eval(e);
            case Test t -> {
                if (main) test(t);
            }
            default -> { }
        }
    }

    private void model(Model m) {
        Set<PriceKind> seen = new HashSet<>();
        for (ModelClause c : m.clauses()) {
            switch (c) {
                case PriceClause p -> {
                    for (PriceItem i : p.items()) {
                        if (!seen.add(i.kind())) diagnostics.error(Code.E201, i.span(), "price '" + i.kind().name().toLowerCase() + "' is given twice", null);
                    }
                }
                case ContextClause x -> positiveTokens(x.tokens(), "context window");
                case MaxOutputClause x -> positiveTokens(x.tokens(), "max_output");
                case TagsClause t -> {
                    for (Expr tag : t.tags()) typer.expect(tag, Context.CONST, Type.STRING, "a tag");
                }
                case EncodingClause e -> {
                    if (!Builtins.ENCODINGS.contains(e.encoding())) {
                        diagnostics.error(Code.E406, e.span(), "unknown token encoding '" + e.encoding() + "'",
                                hint(e.encoding(), Builtins.ENCODINGS));
                    }
                }
            }
        }
    }

    private void positiveTokens(Expr e, String what) {
        Type t = typer.expect(e, Context.CONST, Type.TOKENS, "the " + what);
        BigDecimal v = e instanceof Expr.Num n ? n.value() : e instanceof Expr.Quantity q ? q.value() : null;
        if (!t.isError() && v != null && (v.signum() <= 0 || v.stripTrailingZeros().scale() > 0)) {
            diagnostics.error(Code.E104, e.span(), "the " + what + " must be a positive whole number of tokens", null);
        }
    }

    /** Validates a {@code scripts} block; returns its values (settings in error are left at the default). */
    private ScriptSettings scripts(Decl.Scripts x) {
        Long statements = null;
        java.time.Duration timeout = null;
        Long allocation = null;
        Map<String, Span> seen = new HashMap<>();
        for (ScriptSetting st : x.settings()) {
            String key = st.name().text();
            if (!ScriptSettings.NAMES.contains(key)) {
                diagnostics.error(Code.E406, st.name().span(), "unknown scripts setting '" + key + "'",
                        hint(key, ScriptSettings.NAMES));
                continue;
            }
            Span first = seen.putIfAbsent(key, st.name().span());
            if (first != null) {
                diagnostics.error(Code.E201, st.name().span(), "'" + key + "' is set twice", "first set at " + first.position());
                continue;
            }
            Expr v = st.value();
            switch (key) {
                case "statements" -> statements = wholeInRange(v, 1, ScriptSettings.MAX_STATEMENTS,
                        "the statement limit", "a count such as 200k (statements one call may execute)");
                case "allocation" -> allocation = wholeInRange(v, ScriptSettings.MIN_ALLOCATION, ScriptSettings.MAX_ALLOCATION,
                        "the allocation limit", "a number of bytes such as 32M (32,000,000 bytes)");
                default -> {
                    if (!(v instanceof Expr.Duration d)) {
                        diagnostics.error(Code.E406, v.span(), "the script time-out must be a duration", "write e.g. 100ms or 2s");
                    } else if (d.value().toMillis() < 1 || d.value().compareTo(ScriptSettings.MAX_TIMEOUT) > 0) {
                        diagnostics.error(Code.E406, v.span(), "the script time-out must be between 1ms and "
                                + ScriptSettings.MAX_TIMEOUT.toSeconds() + "s, got " + d.text(), "a call runs on the request's thread; keep it short");
                    } else {
                        timeout = d.value();
                    }
                }
            }
        }
        return new ScriptSettings(statements, timeout, allocation);
    }

    private Long wholeInRange(Expr v, long min, long max, String what, String help) {
        if (!(v instanceof Expr.Num n) || n.value().stripTrailingZeros().scale() > 0) {
            diagnostics.error(Code.E406, v.span(), what + " must be a whole number", help);
            return null;
        }
        if (n.value().compareTo(BigDecimal.valueOf(min)) < 0 || n.value().compareTo(BigDecimal.valueOf(max)) > 0) {
            diagnostics.error(Code.E406, v.span(), what + " must be between " + String.format(java.util.Locale.ROOT, "%,d", min)
                    + " and " + String.format(java.util.Locale.ROOT, "%,d", max) + ", got " + n.text(), help);
            return null;
        }
        return n.value().longValueExact();
    }

    private void trace(Decl.Trace t) {
        for (TraceStmt s : t.statements()) {
            switch (s) {
                case TraceStore st -> {
                    if (!Builtins.TRACE_CONTENT.contains(st.what().text())) {
                        diagnostics.error(Code.E406, st.what().span(), "the trace can store 'prompt' or 'response', not '" + st.what().text() + "'",
                                hint(st.what().text(), Builtins.TRACE_CONTENT));
                    }
                    if (!Builtins.TRACE_MODES.contains(st.how().text())) {
                        diagnostics.error(Code.E406, st.how().span(), "unknown storage mode '" + st.how().text() + "'",
                                hint(st.how().text(), Builtins.TRACE_MODES));
                    }
                }
                case TraceInclude in -> {
                    for (Expr e : in.values()) {
                        if (!(e instanceof Expr.Member m && m.target() instanceof Expr.RequestRoot)) {
                            diagnostics.error(Code.E406, e.span(), "the trace includes request attributes only", "write request.<attribute>");
                        } else {
                            typer.type(e, Context.TRACE);
                        }
                    }
                }
            }
        }
    }

    private void mods(RuleMods mods, Context ctx) {
        if (mods.when() != null) typer.condition(mods.when(), ctx);
    }

    private void route(Route r) {
        mods(r.mods(), Context.ROUTE);
        for (RouteStmt s : r.statements()) {
            switch (s) {
                case RouteWhen w -> {
                    typer.condition(w.condition(), Context.ROUTE);
                    target(w.target());
                }
                case RouteOtherwise o -> target(o.target());
                case Fallback f -> {
                    for (Name m : f.chain()) model(m);
                    for (Name e : f.errorClasses()) {
                        if (!Builtins.ERROR_CLASSES.contains(e.text())) {
                            diagnostics.error(Code.E208, e.span(), "unknown error class '" + e.text() + "'", hint(e.text(), Builtins.ERROR_CLASSES));
                        }
                    }
                    if (f.retry() != null && (f.retry().value().signum() < 0 || f.retry().value().scale() > 0 || f.retry().value().intValue() > 10)) {
                        diagnostics.error(Code.E104, f.retry().span(), "retry takes a whole number from 0 to 10", null);
                    }
                }
                case Downgrade g -> {
                    model(g.from());
                    model(g.to());
                    typer.condition(g.condition(), Context.ROUTE);
                }
            }
        }
    }

    private void target(Target t) {
        switch (t) {
            case ModelTarget m -> model(m.model());
            case Split s -> {
                if (s.by() != null) key(s.by(), Context.ROUTE, "a split key");
                BigDecimal sum = BigDecimal.ZERO;
                for (Weighted w : s.arms()) {
                    model(w.model());
                    percentRange(w.weight(), false, "a split weight");
                    sum = sum.add(w.weight().value());
                }
                if (sum.compareTo(BigDecimal.valueOf(100)) != 0) {
                    diagnostics.error(Code.E400, s.span(), "split weights sum to " + sum.stripTrailingZeros().toPlainString() + "%, not 100%",
                            "adjust the weights so that they add up to exactly 100%");
                }
            }
            case Choose c -> {
                for (Name m : c.models()) model(m);
            }
        }
    }

    private void key(Expr e, Context ctx, String what) {
        Type t = typer.type(e, ctx);
        if (!t.isError() && (t.kind() == Type.Kind.BOOL || t.kind() == Type.Kind.LIST)) {
            diagnostics.error(Code.E300, e.span(), what + " must be a single value (a string, number or model), not " + ExprTyper.article(t), null);
        }
    }

    private void model(Name m) {
        if (scope.models.containsKey(m.text())) {
            scope.usedModels.add(m.text());
        } else {
            diagnostics.error(Code.E202, m.span(), "unknown model '" + m.text() + "'",
                    hint(m.text(), scope.models.keySet(), "declare it: model " + m.text() + " = provider \"provider-model-id\" price in $X/M out $Y/M"));
        }
    }

    private void percentRange(Expr.Percent p, boolean allowOver100, String what) {
        BigDecimal v = p.value();
        if (v.signum() <= 0 || (!allowOver100 && v.compareTo(BigDecimal.valueOf(100)) > 0) || v.compareTo(BigDecimal.valueOf(1000)) > 0) {
            diagnostics.error(Code.E404, p.span(), what + " must be more than 0% and at most " + (allowOver100 ? "1000%" : "100%"), null);
        }
    }

    private void budget(Budget b) {
        for (Expr e : b.scope()) key(e, Context.BUDGET, "a budget scope");
        mods(b.mods(), Context.BUDGET);
        boolean hasLimit = false;
        for (BudgetStmt s : b.statements()) {
            switch (s) {
                case Limit l -> {
                    hasLimit = true;
                    limitAmount(l.amount());
                    switch (l.window()) {
                        case CalendarWindow c -> {
                            if (!Builtins.CALENDAR_UNITS.contains(c.unit().text())) {
                                diagnostics.error(Code.E405, c.unit().span(), "unknown budget window '" + c.unit().text() + "'",
                                        hint(c.unit().text(), Builtins.CALENDAR_UNITS, "windows are minute, hour, day, week, month or rolling <duration>"));
                            }
                        }
                        case RollingWindow r -> {
                            if (r.length().value().toMillis() < 1000) {
                                diagnostics.error(Code.E405, r.span(), "a rolling window must be at least 1s long", null);
                            }
                        }
                    }
                }
                case AlertAt a -> {
                    for (Expr.Percent p : a.thresholds()) percentRange(p, true, "an alert threshold");
                }
                case OnExceeded o -> {
                    if (o.action() instanceof DowngradeTo t) model(t.model());
                }
                case Timezone z -> {
                    try {
                        ZoneId.of(z.zone());
                    } catch (DateTimeException e) {
                        diagnostics.error(Code.E405, z.span(), "unknown time zone '" + z.zone() + "'",
                                hint(z.zone(), ZoneId.getAvailableZoneIds(), "use an IANA zone id such as \"Europe/Berlin\" or \"UTC\""));
                    }
                }
                case Estimate e -> {
                    if (!e.what().text().equals("output")) {
                        diagnostics.error(Code.E405, e.what().span(), "only the output can be estimated", "write: estimate output 500 tokens");
                    }
                    typer.expect(e.amount(), Context.CONST, Type.TOKENS, "the output estimate");
                }
            }
        }
        if (!hasLimit) {
            diagnostics.error(Code.E405, b.name().span(), "budget '" + b.name().text() + "' has no limit", "add one, for example: limit $100 per month");
        }
    }

    private void limitAmount(Expr amount) {
        Type t = typer.type(amount, Context.CONST);
        if (t.kind() == Type.Kind.NUMBER) {
            String n = amount instanceof Expr.Num num ? num.text() : "N";
            diagnostics.error(Code.E405, amount.span(), "a limit needs a unit", "write $" + n + ", " + n + " tokens or " + n + " requests");
        } else if (!t.isError() && t.kind() != Type.Kind.MONEY && !t.isCount()) {
            diagnostics.error(Code.E300, amount.span(), "a limit is an amount of money, tokens or requests, not " + ExprTyper.article(t), null);
        }
        BigDecimal v = amount instanceof Expr.Money m ? m.usd() : amount instanceof Expr.Quantity q ? q.value() : null;
        if (v != null && v.signum() < 0) diagnostics.error(Code.E405, amount.span(), "a limit cannot be negative", null);
    }

    private void guardrail(Guardrail g, Path baseDir) {
        String phase = g.phase().text();
        Context ctx = phase.equals("output") ? Context.GUARD_OUTPUT : Context.GUARD_INPUT;
        if (!Builtins.PHASES.contains(phase)) {
            diagnostics.error(Code.E406, g.phase().span(), "a guardrail runs on input or output, not '" + phase + "'", hint(phase, Builtins.PHASES));
        }
        mods(g.mods(), ctx);
        for (GuardStmt s : g.statements()) {
            boolean spans = s.check() instanceof PiiCheck || s.check() instanceof SecretsCheck
                    || s.check() instanceof PhrasesCheck || s.check() instanceof RegexCheck || s.check() instanceof InjectionCheck
                    || s.check() instanceof PluginCheck;
            if (s.verb() == Verb.REDACT && !spans) {
                diagnostics.error(Code.E403, s.span(), "cannot redact " + describe(s.check()) + ": it does not point at text",
                        "redact works with pii, secrets, injection, phrases, regex and plugin detectors; use deny or flag here");
            }
            if (s.redactAs() != null) {
                if (s.verb() != Verb.REDACT) {
                    diagnostics.error(Code.E403, s.redactAs().span(), "'as " + s.redactAs().text() + "' only applies to redact", null);
                } else if (!Builtins.REDACTIONS.contains(s.redactAs().text())) {
                    diagnostics.error(Code.E403, s.redactAs().span(), "unknown redaction '" + s.redactAs().text() + "'", hint(s.redactAs().text(), Builtins.REDACTIONS));
                }
            }
            switch (s.check()) {
                case WhenCheck w -> typer.condition(w.condition(), ctx);
                case PiiCheck p -> kinds(p.kinds(), Builtins.PII_KINDS, "PII");
                case SecretsCheck x -> kinds(x.kinds(), Builtins.SECRET_KINDS, "secret");
                case InjectionCheck i -> { }
                case PhrasesCheck p -> {
                    for (Expr e : p.phrases()) typer.expect(e, Context.CONST, Type.STRING, "a phrase");
                    if (p.file() != null) file(p.file(), p.span(), baseDir);
                }
                case RegexCheck r -> typer.regex(r.regex());
                case SizeCheck z -> typer.expect(z.amount(), Context.CONST, Type.TOKENS, "a size limit");
                case JsonCheck j -> {
                    if (ctx != Context.GUARD_OUTPUT) {
                        diagnostics.error(Code.E403, j.span(), "JSON checks apply to the output", "move this to a guardrail on output");
                    }
                    if (j.schemaFile() != null) file(j.schemaFile(), j.span(), baseDir);
                }
                case PluginCheck p -> { }
            }
        }
    }

    /** The alert shapes the engine aggregates online (see EvalCompiler in the engine). */
    private static boolean onlineAlert(Expr e) {
        if (!(e instanceof Expr.Binary b)) return false;
        switch (b.op()) {
            case LT, LE, GT, GE -> { }
            default -> { return false; }
        }
        boolean literal = b.right() instanceof Expr.Num || b.right() instanceof Expr.Percent || b.right() instanceof Expr.Duration;
        if (!literal) return false;
        if (b.left() instanceof Expr.Ref r) return r.name().equals("pass_rate") && b.right() instanceof Expr.Percent;
        return b.left() instanceof Expr.Call c && (c.function().text().equals("mean") || c.function().text().equals("p95"))
                && c.args().size() == 1 && c.args().get(0) instanceof Expr.Ref x && !x.name().equals("cost");
    }

    private static String describe(Check c) {
        return switch (c) {
            case WhenCheck w -> "a condition";
            case SizeCheck s -> "a size check";
            case JsonCheck j -> "a JSON check";
            default -> "this";
        };
    }

    private void kinds(List<Name> kinds, List<String> known, String what) {
        for (Name k : kinds) {
            if (!known.contains(k.text())) {
                diagnostics.error(Code.E209, k.span(), "unknown " + what + " kind '" + k.text() + "'",
                        hint(k.text(), known, what + " kinds are " + String.join(", ", known)));
            }
        }
    }

    private void file(String file, Span span, Path baseDir) {
        if (baseDir == null) return;
        if (!Files.isRegularFile(baseDir.resolve(file))) {
            diagnostics.error(Code.E406, span, "file not found: " + file, "paths are relative to the directory of the main policy file");
        }
    }

    private void eval(Eval e) {
        if (e.sample() != null) percentRange(e.sample(), false, "a sample rate");
        Map<String, Score> scores = new java.util.LinkedHashMap<>();
        for (EvalStmt s : e.statements()) {
            if (s instanceof Score sc) {
                if (scores.containsKey(sc.name().text())) {
                    diagnostics.error(Code.E201, sc.name().span(), "score '" + sc.name().text() + "' is defined twice", null);
                }
                scores.put(sc.name().text(), sc);
            }
        }
        scope.scores = scores;
        mods(e.mods(), Context.EVAL);
        for (EvalStmt s : e.statements()) {
            switch (s) {
                case Assert a -> typer.condition(a.condition(), Context.EVAL);
                case Score sc -> { }
                case EvalAlert a -> {
                    typer.condition(a.condition(), Context.EVAL_ALERT);
                    List<Expr> parts = a.condition() instanceof Expr.Logical l && l.op() == Expr.LogicalOp.OR ? l.operands() : List.of(a.condition());
                    for (Expr part : parts) {
                        if (!onlineAlert(part)) {
                            diagnostics.error(Code.E406, part.span(), "this alert condition cannot be watched online",
                                    "compare pass_rate, mean(x) or p95(x) (x: a score or latency) with a value, for example "
                                            + "pass_rate < 95% or p95(latency) > 2s; join several with 'or'");
                        }
                    }
                }
                case Regression r -> {
                    percentRange(r.maxDrop(), false, "a regression threshold");
                    if (r.alpha() != null && (r.alpha().value().signum() <= 0 || r.alpha().value().compareTo(BigDecimal.ONE) >= 0)) {
                        diagnostics.error(Code.E406, r.alpha().span(), "alpha is a significance level between 0 and 1, such as 0.05", null);
                    }
                }
            }
        }
        scope.scores = Map.of();
    }

    private void test(Test t) {
        for (TestStmt s : t.statements()) {
            switch (s) {
                case TestRequest r -> fields(r.fields(), true);
                case TestResponse r -> fields(r.fields(), false);
                case Given g -> {
                    if (!scope.budgets.containsKey(g.budget().text())) {
                        diagnostics.error(Code.E207, g.budget().span(), "unknown budget '" + g.budget().text() + "'", hint(g.budget().text(), scope.budgets.keySet()));
                    }
                    Type ty = typer.type(g.spent(), Context.TEST);
                    if (ty.kind() == Type.Kind.NUMBER) diagnostics.error(Code.E405, g.spent().span(), "spent needs a unit", "write $10, 1000 tokens or 5 requests");
                }
                case Expect x -> expectation(x.expectation());
            }
        }
    }

    private void fields(List<Field> fields, boolean request) {
        Set<String> seen = new HashSet<>();
        for (Field f : fields) {
            String key = f.key().text();
            if (!seen.add(key)) diagnostics.error(Code.E201, f.key().span(), "'" + key + "' is set twice", null);
            Map<String, Type> known = new java.util.LinkedHashMap<>(request ? Builtins.TEST_REQUEST_KEYS : Builtins.TEST_RESPONSE_KEYS);
            if (request) {
                for (Map.Entry<String, Type> a : scope.attributes.entrySet()) known.putIfAbsent(a.getKey(), a.getValue());
            }
            Type expected = known.get(key);
            if (expected == null) {
                diagnostics.error(request ? Code.E203 : Code.E406, f.key().span(),
                        (request ? "unknown request attribute '" : "unknown response field '") + key + "'",
                        hint(key, known.keySet(), request ? "declare it in the request { } schema" : null));
                typer.type(f.value(), Context.TEST);
            } else {
                typer.expect(f.value(), Context.TEST, expected, "'" + key + "'");
            }
        }
    }

    private void expectation(Expectation x) {
        switch (x) {
            case ExpectRoute r -> model(r.model());
            case ExpectFallbacks f -> {
                for (Name m : f.models()) model(m);
            }
            case ExpectRule r -> {
                if (!scope.ruleNames().contains(r.rule().text())) {
                    diagnostics.error(Code.E207, r.rule().span(), "unknown rule '" + r.rule().text() + "'", hint(r.rule().text(), scope.ruleNames()));
                }
            }
            case ExpectBudget b -> {
                if (!scope.budgets.containsKey(b.budget().text())) {
                    diagnostics.error(Code.E207, b.budget().span(), "unknown budget '" + b.budget().text() + "'", hint(b.budget().text(), scope.budgets.keySet()));
                }
                if (!Builtins.BUDGET_STATES.contains(b.state().text())) {
                    diagnostics.error(Code.E406, b.state().span(), "unknown budget state '" + b.state().text() + "'", hint(b.state().text(), Builtins.BUDGET_STATES));
                }
            }
            case ExpectEval e -> {
                if (!scope.evals.containsKey(e.eval().text())) {
                    diagnostics.error(Code.E207, e.eval().span(), "unknown eval '" + e.eval().text() + "'", hint(e.eval().text(), scope.evals.keySet()));
                }
                if (!Builtins.EVAL_OUTCOMES.contains(e.outcome().text())) {
                    diagnostics.error(Code.E406, e.outcome().span(), "unknown eval outcome '" + e.outcome().text() + "'", hint(e.outcome().text(), Builtins.EVAL_OUTCOMES));
                }
            }
            default -> { }
        }
    }

    // ---- stage 4: lint ----

    private void lint(PolicyFile main, List<PolicyFile> order) {
        boolean catchAll = false;
        Route catchAllRoute = null;
        for (PolicyFile f : order) {
            for (Decl d : f.decls()) {
                if (!(d instanceof Route r)) continue;
                if (catchAll) {
                    diagnostics.add(io.llmpolicy.dsl.diag.Diagnostic.of(Code.W500, r.name().span(), "route '" + r.name().text() + "' is never used",
                            "route '" + catchAllRoute.name().text() + "' above always decides; move this route before it or give that one a 'when'"));
                }
                boolean routeDecidesAll = false;
                List<String> seenConditions = new ArrayList<>();
                for (RouteStmt s : r.statements()) {
                    if (routeDecidesAll && (s instanceof RouteWhen || s instanceof RouteOtherwise)) {
                        diagnostics.add(io.llmpolicy.dsl.diag.Diagnostic.of(Code.W500, s.span(), "this rule is never used",
                                "an earlier 'otherwise' (or 'when true') in route '" + r.name().text() + "' always decides first"));
                        continue;
                    }
                    if (s instanceof RouteOtherwise) routeDecidesAll = true;
                    if (s instanceof RouteWhen w) {
                        if (w.condition() instanceof Expr.Bool b && b.value()) routeDecidesAll = true;
                        String shape = Structure.of(w.condition());
                        if (seenConditions.contains(shape)) {
                            diagnostics.add(io.llmpolicy.dsl.diag.Diagnostic.of(Code.W501, w.condition().span(), "this condition is shadowed by an identical one above",
                                    "the earlier rule always wins; remove this one or change its condition"));
                        }
                        seenConditions.add(shape);
                    }
                }
                if (routeDecidesAll && r.mods().when() == null && !r.mods().monitor() && !catchAll) {
                    catchAll = true;
                    catchAllRoute = r;
                }
            }
        }
        boolean moneyBudget = false;
        for (Budget b : scope.budgets.values()) {
            for (BudgetStmt s : b.statements()) if (s instanceof Limit l && l.amount() instanceof Expr.Money) moneyBudget = true;
        }
        for (Decl d : main.decls()) {
            if (d instanceof Model m && !scope.usedModels.contains(m.alias().text())) {
                diagnostics.add(io.llmpolicy.dsl.diag.Diagnostic.of(Code.W502, m.alias().span(), "model '" + m.alias().text() + "' is never used",
                        "reference it from a route, or remove it"));
            }
            if (d instanceof Const c && !scope.usedConsts.contains(c.name().text())) {
                diagnostics.add(io.llmpolicy.dsl.diag.Diagnostic.of(Code.W502, c.name().span(), "const '" + c.name().text() + "' is never used", "remove it"));
            }
            if (moneyBudget && d instanceof Model m && scope.usedModels.contains(m.alias().text())
                    && m.clauses().stream().noneMatch(c -> c instanceof PriceClause)) {
                diagnostics.add(io.llmpolicy.dsl.diag.Diagnostic.of(Code.W503, m.alias().span(), "model '" + m.alias().text() + "' has no price, so money budgets count it as free",
                        "add: price in $X/M out $Y/M"));
            }
        }
    }

    private static String hint(String wrong, Collection<String> known) {
        return Suggest.didYouMean(wrong, known) != null ? Suggest.didYouMean(wrong, known) : "expected one of: " + String.join(", ", known);
    }

    private static String hint(String wrong, Collection<String> known, String otherwise) {
        String s = Suggest.didYouMean(wrong, known);
        return s != null ? s : otherwise;
    }
}
