package io.llmpolicy.dsl.parse;

import io.llmpolicy.dsl.ast.Comment;
import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.ast.Decl.*;
import io.llmpolicy.dsl.ast.Expr;
import io.llmpolicy.dsl.ast.Name;
import io.llmpolicy.dsl.ast.PolicyFile;
import io.llmpolicy.dsl.ast.TypeRef;
import io.llmpolicy.dsl.diag.Code;
import io.llmpolicy.dsl.diag.Diagnostics;
import io.llmpolicy.dsl.parse.LlmPolicyParser.*;
import io.llmpolicy.dsl.source.Source;
import io.llmpolicy.dsl.source.Span;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns an error-free ANTLR parse tree into the immutable AST. Only called when the parser reported no syntax
 * error, so every mandatory child is present. Literal values are decoded here; a literal that cannot be decoded
 * (a duration finer than a millisecond) becomes an E104 diagnostic.
 */
final class AstBuilder {
    private final Source source;
    private final Diagnostics diagnostics;

    AstBuilder(Source source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    PolicyFile file(FileContext ctx, List<Comment> comments) {
        PolicyFile.Header header = null;
        if (ctx.header() != null) {
            HeaderContext h = ctx.header();
            header = new PolicyFile.Header(span(h), string(h.STRING(0)), h.STRING().size() > 1 ? string(h.STRING(1)) : null);
        }
        List<PolicyFile.Import> imports = new ArrayList<>();
        for (ImportDeclContext i : ctx.importDecl()) imports.add(new PolicyFile.Import(span(i), string(i.STRING())));
        List<Decl> decls = new ArrayList<>();
        for (DeclContext d : ctx.decl()) decls.add(decl(d));
        return new PolicyFile(source.span(0, source.length()), header, List.copyOf(imports), List.copyOf(decls), comments);
    }

    private Decl decl(DeclContext d) {
        if (d.constDecl() != null) {
            ConstDeclContext c = d.constDecl();
            return new Const(span(c), name(c.ID()), c.type() == null ? null : type(c.type()), expr(c.expr()));
        }
        if (d.requestDecl() != null) {
            List<Attribute> attrs = new ArrayList<>();
            for (AttrDeclContext a : d.requestDecl().attrDecl()) {
                attrs.add(new Attribute(span(a), name(a.name()), type(a.type()), a.expr() == null ? null : expr(a.expr())));
            }
            return new RequestSchema(span(d.requestDecl()), List.copyOf(attrs));
        }
        if (d.modelDecl() != null) return model(d.modelDecl());
        if (d.functionDecl() != null) {
            FunctionDeclContext f = d.functionDecl();
            List<Param> params = new ArrayList<>();
            for (ParamContext p : f.param()) params.add(new Param(span(p), name(p.name()), type(p.type())));
            return switch (f.functionBody()) {
                case FromPluginContext p -> new Function(span(f), name(f.name()), List.copyOf(params), type(f.type()), string(p.STRING()), null);
                case FromScriptFileContext x -> new Function(span(f), name(f.name()), List.copyOf(params), type(f.type()), null,
                        new Script(span(x), string(x.STRING()), null, null));
                case InlineScriptContext x -> {
                    String block = x.SCRIPT_BLOCK().getText();
                    Token t = x.SCRIPT_BLOCK().getSymbol();
                    Span code = source.span(t.getStartIndex() + 3, t.getStopIndex() + 1 - 3);
                    yield new Function(span(f), name(f.name()), List.copyOf(params), type(f.type()), null,
                            new Script(span(x), null, block.substring(3, block.length() - 3), code));
                }
                default -> throw new IllegalStateException("unknown function body " + f.functionBody().getClass());
            };
        }
        if (d.scriptsDecl() != null) {
            List<ScriptSetting> settings = new ArrayList<>();
            for (ScriptSettingContext x : d.scriptsDecl().scriptSetting()) {
                settings.add(new ScriptSetting(span(x), name(x.name()), literal(x.literal())));
            }
            return new Scripts(span(d.scriptsDecl()), List.copyOf(settings));
        }
        if (d.traceDecl() != null) {
            List<TraceStmt> stmts = new ArrayList<>();
            for (TraceStmtContext s : d.traceDecl().traceStmt()) {
                if (s instanceof TraceStoreContext t) stmts.add(new TraceStore(span(t), name(t.what), name(t.how)));
                else if (s instanceof TraceIncludeContext t) stmts.add(new TraceInclude(span(t), exprs(t.expr())));
            }
            return new Trace(span(d.traceDecl()), List.copyOf(stmts));
        }
        if (d.routeDecl() != null) return route(d.routeDecl());
        if (d.budgetDecl() != null) return budget(d.budgetDecl());
        if (d.guardrailDecl() != null) return guardrail(d.guardrailDecl());
        if (d.evalDecl() != null) return eval(d.evalDecl());
        return test(d.testDecl());
    }

    private Model model(ModelDeclContext m) {
        List<ModelClause> clauses = new ArrayList<>();
        for (ModelClauseContext c : m.modelClause()) {
            switch (c) {
                case ModelPriceContext p -> {
                    List<PriceItem> items = new ArrayList<>();
                    for (PriceItemContext i : p.priceItem()) {
                        PriceKind kind = switch (i.kind.getType()) {
                            case LlmPolicyLexer.IN -> PriceKind.IN;
                            case LlmPolicyLexer.OUT -> PriceKind.OUT;
                            default -> PriceKind.CACHED;
                        };
                        String text = i.PRICE_LIT().getText();
                        int slash = text.indexOf('/');
                        long per = text.endsWith("K") ? 1_000L : 1_000_000L;
                        items.add(new PriceItem(span(i), kind, decimal(text.substring(1, slash)), per, text));
                    }
                    clauses.add(new PriceClause(span(p), List.copyOf(items)));
                }
                case ModelContextContext x -> clauses.add(new ContextClause(span(x), quantity(x.quantity())));
                case ModelMaxOutputContext x -> clauses.add(new MaxOutputClause(span(x), quantity(x.quantity())));
                case ModelTagsContext x -> clauses.add(new TagsClause(span(x), exprs(x.list().expr())));
                case ModelEncodingContext x -> clauses.add(new EncodingClause(span(x), string(x.STRING())));
                default -> throw new IllegalStateException("unknown model clause " + c.getClass());
            }
        }
        return new Model(span(m), name(m.ID()), name(m.provider), string(m.STRING()), List.copyOf(clauses));
    }

    private RuleMods mods(RuleModsContext r) {
        return new RuleMods(r.expr() == null ? null : expr(r.expr()), r.MONITOR() != null);
    }

    private Route route(RouteDeclContext r) {
        List<RouteStmt> stmts = new ArrayList<>();
        for (RouteStmtContext s : r.routeStmt()) {
            switch (s) {
                case RouteWhenContext w -> stmts.add(new RouteWhen(span(w), expr(w.expr()), target(w.target())));
                case RouteOtherwiseContext o -> stmts.add(new RouteOtherwise(span(o), target(o.target())));
                case RouteFallbackContext f -> {
                    List<Name> chain = new ArrayList<>();
                    for (TerminalNode id : f.ID()) chain.add(name(id));
                    List<Name> classes = new ArrayList<>();
                    for (ErrorClassContext e : f.errorClass()) classes.add(name(e.name()));
                    stmts.add(new Fallback(span(f), List.copyOf(chain), List.copyOf(classes),
                            f.NUMBER() == null ? null : number(f.NUMBER()),
                            f.DURATION() == null ? null : duration(f.DURATION())));
                }
                case RouteDowngradeContext g -> stmts.add(new Downgrade(span(g), name(g.ID(0)), name(g.ID(1)), expr(g.expr())));
                default -> throw new IllegalStateException("unknown route statement " + s.getClass());
            }
        }
        return new Route(span(r), name(r.name()), mods(r.ruleMods()), List.copyOf(stmts));
    }

    private Target target(TargetContext t) {
        return switch (t) {
            case TargetModelContext m -> new ModelTarget(span(m), name(m.ID()));
            case TargetSplitContext s -> {
                List<Weighted> arms = new ArrayList<>();
                for (WeightedContext w : s.weighted()) arms.add(new Weighted(span(w), percent(w.PERCENT()), name(w.ID())));
                yield new Split(span(s), s.expr() == null ? null : expr(s.expr()), List.copyOf(arms));
            }
            case TargetChooseContext c -> {
                List<Name> models = new ArrayList<>();
                for (TerminalNode id : c.ID()) models.add(name(id));
                Strategy strategy = c.strategy.getType() == LlmPolicyLexer.LOWEST_COST ? Strategy.LOWEST_COST : Strategy.LEAST_LATENCY;
                yield new Choose(span(c), strategy, List.copyOf(models));
            }
            default -> throw new IllegalStateException("unknown target " + t.getClass());
        };
    }

    private Budget budget(BudgetDeclContext b) {
        List<BudgetStmt> stmts = new ArrayList<>();
        for (BudgetStmtContext s : b.budgetStmt()) {
            switch (s) {
                case BudgetLimitContext l -> {
                    WindowContext w = l.window();
                    Window window = w.ROLLING() != null ? new RollingWindow(span(w), duration(w.DURATION()))
                            : new CalendarWindow(span(w), name(w.unit));
                    stmts.add(new Limit(span(l), expr(l.expr()), window));
                }
                case BudgetAlertContext a -> {
                    List<Expr.Percent> thresholds = new ArrayList<>();
                    for (TerminalNode p : a.PERCENT()) thresholds.add(percent(p));
                    stmts.add(new AlertAt(span(a), List.copyOf(thresholds)));
                }
                case BudgetOnExceededContext o -> stmts.add(new OnExceeded(span(o), action(o.action())));
                case BudgetTimezoneContext z -> stmts.add(new Timezone(span(z), string(z.STRING())));
                case BudgetEstimateContext e -> stmts.add(new Estimate(span(e), name(e.what), quantity(e.quantity())));
                default -> throw new IllegalStateException("unknown budget statement " + s.getClass());
            }
        }
        return new Budget(span(b), name(b.name()), exprs(b.expr()), mods(b.ruleMods()), List.copyOf(stmts));
    }

    private Action action(ActionContext a) {
        return switch (a) {
            case ActionDenyContext d -> new Deny(span(d), d.STRING() == null ? null : string(d.STRING()));
            case ActionDowngradeContext d -> new DowngradeTo(span(d), name(d.ID()));
            case ActionMonitorContext m -> new MonitorOnly(span(m));
            default -> throw new IllegalStateException("unknown action " + a.getClass());
        };
    }

    private Guardrail guardrail(GuardrailDeclContext g) {
        List<GuardStmt> stmts = new ArrayList<>();
        for (GuardStmtContext s : g.guardStmt()) {
            if (s instanceof GuardWhenContext w) {
                stmts.add(new GuardStmt(span(w), verb(w.verb), new WhenCheck(span(w.expr()), expr(w.expr())), null,
                        w.STRING() == null ? null : string(w.STRING())));
            } else if (s instanceof GuardDetectContext d) {
                stmts.add(new GuardStmt(span(d), verb(d.verb), check(d.detector()),
                        d.redactAs() == null ? null : name(d.redactAs().name()),
                        d.STRING() == null ? null : string(d.STRING())));
            }
        }
        return new Guardrail(span(g), name(g.name(0)), name(g.phase), mods(g.ruleMods()), List.copyOf(stmts));
    }

    private static Verb verb(Token t) {
        return switch (t.getType()) {
            case LlmPolicyLexer.DENY -> Verb.DENY;
            case LlmPolicyLexer.REDACT -> Verb.REDACT;
            default -> Verb.FLAG;
        };
    }

    private Check check(DetectorContext d) {
        return switch (d) {
            case DetPiiContext p -> new PiiCheck(span(p), kinds(p.kindList()));
            case DetSecretsContext s -> new SecretsCheck(span(s), kinds(s.kindList()));
            case DetInjectionContext i -> new InjectionCheck(span(i));
            case DetPhrasesContext p -> p.list() != null ? new PhrasesCheck(span(p), exprs(p.list().expr()), null)
                    : new PhrasesCheck(span(p), List.of(), string(p.STRING()));
            case DetRegexContext r -> new RegexCheck(span(r), regex(r.REGEX()));
            case DetSizeContext s -> new SizeCheck(span(s), expr(s.expr()));
            case DetJsonContext j -> new JsonCheck(span(j), j.STRING() == null ? null : string(j.STRING()));
            case DetPluginContext p -> new PluginCheck(span(p), string(p.STRING()));
            default -> throw new IllegalStateException("unknown detector " + d.getClass());
        };
    }

    private List<Name> kinds(KindListContext k) {
        if (k == null) return List.of();
        List<Name> names = new ArrayList<>();
        for (NameContext n : k.name()) names.add(name(n));
        return List.copyOf(names);
    }

    private Eval eval(EvalDeclContext e) {
        List<EvalStmt> stmts = new ArrayList<>();
        for (EvalStmtContext s : e.evalStmt()) {
            switch (s) {
                case EvalAssertContext a -> stmts.add(new Assert(span(a), a.STRING() == null ? null : string(a.STRING()), expr(a.expr())));
                case EvalScoreContext sc -> stmts.add(new Score(span(sc), name(sc.name()), string(sc.STRING())));
                case EvalAlertContext a -> stmts.add(new EvalAlert(span(a), expr(a.expr()), duration(a.DURATION())));
                case EvalRegressionContext r -> stmts.add(new Regression(span(r), percent(r.PERCENT()),
                        r.NUMBER() == null ? null : number(r.NUMBER())));
                default -> throw new IllegalStateException("unknown eval statement " + s.getClass());
            }
        }
        return new Eval(span(e), name(e.name()), e.PERCENT() == null ? null : percent(e.PERCENT()), mods(e.ruleMods()),
                List.copyOf(stmts));
    }

    private Test test(TestDeclContext t) {
        List<TestStmt> stmts = new ArrayList<>();
        for (TestStmtContext s : t.testStmt()) {
            switch (s) {
                case TestRequestContext r -> stmts.add(new TestRequest(span(r), fields(r.object())));
                case TestResponseContext r -> stmts.add(new TestResponse(span(r), fields(r.object())));
                case TestGivenContext g -> stmts.add(new Given(span(g), name(g.name()), expr(g.expr())));
                case TestExpectContext x -> stmts.add(new Expect(span(x), expectation(x.expectation())));
                default -> throw new IllegalStateException("unknown test statement " + s.getClass());
            }
        }
        return new Test(span(t), string(t.STRING()), List.copyOf(stmts));
    }

    private List<Field> fields(ObjectContext o) {
        List<Field> fields = new ArrayList<>();
        for (FieldContext f : o.field()) fields.add(new Field(span(f), name(f.name()), expr(f.expr())));
        return List.copyOf(fields);
    }

    private Expectation expectation(ExpectationContext e) {
        return switch (e) {
            case ExpectAllowContext a -> new ExpectAllow(span(a));
            case ExpectDenyContext d -> new ExpectDeny(span(d), d.STRING() == null ? null : string(d.STRING()));
            case ExpectRouteContext r -> new ExpectRoute(span(r), name(r.ID()));
            case ExpectFallbacksContext f -> {
                List<Name> models = new ArrayList<>();
                for (TerminalNode id : f.ID()) models.add(name(id));
                yield new ExpectFallbacks(span(f), List.copyOf(models));
            }
            case ExpectRuleContext r -> new ExpectRule(span(r), name(r.name()));
            case ExpectFindingContext f -> new ExpectFinding(span(f), f.dotted().getText());
            case ExpectNoFindingsContext n -> new ExpectNoFindings(span(n));
            case ExpectBudgetContext b -> new ExpectBudget(span(b), name(b.name(0)), name(b.state));
            case ExpectEvalContext v -> new ExpectEval(span(v), name(v.name(0)), name(v.outcome));
            case ExpectRedactedContext r -> new ExpectRedacted(span(r), string(r.STRING()));
            default -> throw new IllegalStateException("unknown expectation " + e.getClass());
        };
    }

    private TypeRef type(TypeContext t) {
        return new TypeRef(span(t), t.name().getText(), t.type() == null ? null : type(t.type()), t.QUESTION() != null);
    }

    // ---- expressions ----

    private List<Expr> exprs(List<ExprContext> list) {
        List<Expr> out = new ArrayList<>(list.size());
        for (ExprContext e : list) out.add(expr(e));
        return List.copyOf(out);
    }

    Expr expr(ExprContext e) {
        Expr left = or(e.orExpr(0));
        for (int i = 1; i < e.orExpr().size(); i++) {
            Expr right = or(e.orExpr(i));
            left = new Expr.Binary(left.span().to(right.span()), Expr.BinaryOp.COALESCE, left, right);
        }
        return left;
    }

    private Expr or(OrExprContext o) {
        if (o.andExpr().size() == 1) return and(o.andExpr(0));
        List<Expr> operands = new ArrayList<>();
        for (AndExprContext a : o.andExpr()) operands.add(and(a));
        return new Expr.Logical(span(o), Expr.LogicalOp.OR, List.copyOf(operands));
    }

    private Expr and(AndExprContext a) {
        if (a.notExpr().size() == 1) return not(a.notExpr(0));
        List<Expr> operands = new ArrayList<>();
        for (NotExprContext n : a.notExpr()) operands.add(not(n));
        return new Expr.Logical(span(a), Expr.LogicalOp.AND, List.copyOf(operands));
    }

    private Expr not(NotExprContext n) {
        if (n.notExpr() != null) return new Expr.Unary(span(n), Expr.UnaryOp.NOT, not(n.notExpr()));
        return cmp(n.cmpExpr());
    }

    private Expr cmp(CmpExprContext c) {
        Expr left = add(c.addExpr(0));
        if (c.MATCHES() != null) return new Expr.Matches(span(c), left, regex(c.REGEX()));
        if (c.addExpr().size() == 1) return left;
        Expr right = add(c.addExpr(1));
        if (c.IN() != null) return new Expr.In(span(c), left, right, c.NOT() != null);
        Expr.BinaryOp op;
        if (c.cmpOp() != null) {
            op = switch (c.cmpOp().getStart().getType()) {
                case LlmPolicyLexer.EQ -> Expr.BinaryOp.EQ;
                case LlmPolicyLexer.NE -> Expr.BinaryOp.NE;
                case LlmPolicyLexer.LT -> Expr.BinaryOp.LT;
                case LlmPolicyLexer.LE -> Expr.BinaryOp.LE;
                case LlmPolicyLexer.GT -> Expr.BinaryOp.GT;
                default -> Expr.BinaryOp.GE;
            };
        } else {
            op = switch (c.strOp().getStart().getType()) {
                case LlmPolicyLexer.CONTAINS -> Expr.BinaryOp.CONTAINS;
                case LlmPolicyLexer.ICONTAINS -> Expr.BinaryOp.ICONTAINS;
                case LlmPolicyLexer.STARTS_WITH -> Expr.BinaryOp.STARTS_WITH;
                default -> Expr.BinaryOp.ENDS_WITH;
            };
        }
        return new Expr.Binary(span(c), op, left, right);
    }

    private Expr add(AddExprContext a) {
        Expr left = mul(a.mulExpr(0));
        for (int i = 1; i < a.mulExpr().size(); i++) {
            Token op = ((TerminalNode) a.getChild(2 * i - 1)).getSymbol();
            Expr right = mul(a.mulExpr(i));
            left = new Expr.Binary(left.span().to(right.span()),
                    op.getType() == LlmPolicyLexer.PLUS ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, left, right);
        }
        return left;
    }

    private Expr mul(MulExprContext m) {
        Expr left = unary(m.unaryExpr(0));
        for (int i = 1; i < m.unaryExpr().size(); i++) {
            Token op = ((TerminalNode) m.getChild(2 * i - 1)).getSymbol();
            Expr right = unary(m.unaryExpr(i));
            left = new Expr.Binary(left.span().to(right.span()),
                    op.getType() == LlmPolicyLexer.STAR ? Expr.BinaryOp.MUL : Expr.BinaryOp.DIV, left, right);
        }
        return left;
    }

    private Expr unary(UnaryExprContext u) {
        if (u.MINUS() != null) return new Expr.Unary(span(u), Expr.UnaryOp.NEGATE, unary(u.unaryExpr()));
        PostfixExprContext p = u.postfixExpr();
        Expr target = primary(p.primary());
        for (NameContext n : p.name()) target = new Expr.Member(target.span().to(span(n)), target, name(n));
        return target;
    }

    private Expr primary(PrimaryContext p) {
        return switch (p) {
            case PrimLiteralContext l -> literal(l.literal());
            case PrimParenContext x -> expr(x.expr());
            case PrimListContext l -> new Expr.ListLit(span(l), exprs(l.expr()));
            case PrimRequestContext r -> new Expr.RequestRoot(span(r));
            case PrimBudgetContext b -> new Expr.BudgetUse(span(b), name(b.name()));
            case PrimCallContext c -> new Expr.Call(span(c), name(c.ID()), exprs(c.expr()));
            case PrimNameContext n -> new Expr.Ref(span(n), n.ID().getText());
            default -> throw new IllegalStateException("unknown primary " + p.getClass());
        };
    }

    private Expr literal(LiteralContext l) {
        if (l.STRING() != null) return new Expr.Str(span(l), string(l.STRING()));
        if (l.quantity() != null) return quantity(l.quantity());
        if (l.MONEY() != null) return money(l.MONEY());
        if (l.DURATION() != null) return duration(l.DURATION());
        if (l.PERCENT() != null) return percent(l.PERCENT());
        if (l.TRUE() != null) return new Expr.Bool(span(l), true);
        if (l.FALSE() != null) return new Expr.Bool(span(l), false);
        return new Expr.Null(span(l));
    }

    private Expr quantity(QuantityContext q) {
        Expr.Num n = number(q.NUMBER());
        if (q.unit == null) return n;
        Expr.QuantityUnit unit = q.unit.getType() == LlmPolicyLexer.TOKENS ? Expr.QuantityUnit.TOKENS : Expr.QuantityUnit.REQUESTS;
        return new Expr.Quantity(span(q), n.value(), unit, n.text() + " " + q.unit.getText());
    }

    private Expr.Num number(TerminalNode t) {
        String text = t.getText();
        return new Expr.Num(span(t.getSymbol()), scaled(text), text);
    }

    private Expr.Money money(TerminalNode t) {
        String text = t.getText();
        return new Expr.Money(span(t.getSymbol()), scaled(text.substring(1)), text);
    }

    private Expr.Percent percent(TerminalNode t) {
        String text = t.getText();
        return new Expr.Percent(span(t.getSymbol()), decimal(text.substring(0, text.length() - 1)), text);
    }

    private Expr.Duration duration(TerminalNode t) {
        String text = t.getText();
        int unitAt = text.length() - (text.endsWith("ms") ? 2 : 1);
        BigDecimal value = decimal(text.substring(0, unitAt));
        long unitMillis = switch (text.substring(unitAt)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> 604_800_000L;
        };
        BigDecimal millis = value.multiply(BigDecimal.valueOf(unitMillis));
        long ms = 0;
        try {
            ms = millis.longValueExact();
        } catch (ArithmeticException e) {
            diagnostics.error(Code.E104, span(t.getSymbol()), "duration '" + text + "' is not a whole number of milliseconds",
                    "durations are counted in milliseconds; write for example 1500ms");
        }
        return new Expr.Duration(span(t.getSymbol()), java.time.Duration.ofMillis(ms), text);
    }

    private Expr.Regex regex(TerminalNode t) {
        String text = t.getText();
        int close = text.lastIndexOf('/');
        return new Expr.Regex(span(t.getSymbol()), text.substring(1, close), text.substring(close + 1));
    }

    /** {@code 128k} → 128000; underscores are digit separators. */
    static BigDecimal scaled(String text) {
        String digits = text.replace("_", "").replace(",", "");
        char last = digits.charAt(digits.length() - 1);
        long factor = switch (last) {
            case 'k', 'K' -> 1_000L;
            case 'M' -> 1_000_000L;
            case 'B' -> 1_000_000_000L;
            default -> 1L;
        };
        if (factor != 1L) digits = digits.substring(0, digits.length() - 1);
        return new BigDecimal(digits).multiply(BigDecimal.valueOf(factor)).stripTrailingZeros();
    }

    private static BigDecimal decimal(String text) {
        return new BigDecimal(text.replace("_", ""));
    }

    // ---- names, strings, spans ----

    private Name name(NameContext n) {
        return new Name(n.getText(), span(n));
    }

    private Name name(TerminalNode t) {
        return new Name(t.getText(), span(t.getSymbol()));
    }

    private Name name(Token t) {
        return new Name(t.getText(), span(t));
    }

    private static String string(TerminalNode t) {
        return unescape(t.getText());
    }

    /** Decodes a string literal: {@code \n \t \r \" \\} and {@code \}{@code uXXXX}; other escapes keep the character. */
    static String unescape(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (body.indexOf('\\') < 0) return body;
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    if (i + 4 < body.length() && body.substring(i + 1, i + 5).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                        out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        out.append('u');
                    }
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private Span span(Token t) {
        return source.span(t.getStartIndex(), t.getStopIndex() + 1);
    }

    private Span span(ParserRuleContext ctx) {
        Token stop = ctx.getStop() == null || ctx.getStop().getStopIndex() < ctx.getStart().getStartIndex() ? ctx.getStart() : ctx.getStop();
        return source.span(ctx.getStart().getStartIndex(), stop.getStopIndex() + 1);
    }
}
