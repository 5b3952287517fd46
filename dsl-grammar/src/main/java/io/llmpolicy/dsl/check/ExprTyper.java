package io.llmpolicy.dsl.check;

import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.ast.Expr;
import io.llmpolicy.dsl.ast.Expr.BinaryOp;
import io.llmpolicy.dsl.diag.Code;
import io.llmpolicy.dsl.diag.Diagnostics;
import io.llmpolicy.dsl.source.Span;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every expression a {@link Type} and reports name, type and unit errors. Types are recorded per node so the
 * engine's compiler can bind each expression to a typed slot without looking anything up again.
 */
final class ExprTyper {
    private final Scope scope;
    private final Diagnostics diagnostics;
    final Map<Expr, Type> types = new IdentityHashMap<>();

    ExprTyper(Scope scope, Diagnostics diagnostics) {
        this.scope = scope;
        this.diagnostics = diagnostics;
    }

    /** Checks a condition: it must be a bool. */
    void condition(Expr e, Context ctx) {
        Type t = type(e, ctx);
        if (!t.isError() && t.kind() != Type.Kind.BOOL) {
            diagnostics.error(Code.E303, e.span(), "condition is " + article(t) + ", not a bool",
                    t.kind() == Type.Kind.STRING ? "compare it, for example: == \"value\"" : null);
        }
    }

    /** Checks that {@code e} fits {@code expected}; returns its type. */
    Type expect(Expr e, Context ctx, Type expected, String what) {
        Type t = type(e, ctx);
        if (!expected.accepts(t)) mismatch(e.span(), what + " must be " + article(expected) + ", but this is " + article(t), expected, t);
        return t;
    }

    Type type(Expr e, Context ctx) {
        Type t = compute(e, ctx);
        types.put(e, t);
        return t;
    }

    private Type compute(Expr e, Context ctx) {
        return switch (e) {
            case Expr.Str s -> Type.STRING;
            case Expr.Num n -> Type.NUMBER;
            case Expr.Quantity q -> q.unit() == Expr.QuantityUnit.TOKENS ? Type.TOKENS : Type.REQUESTS;
            case Expr.Money m -> Type.MONEY;
            case Expr.Duration d -> Type.DURATION;
            case Expr.Percent p -> Type.PERCENT;
            case Expr.Bool b -> Type.BOOL;
            case Expr.Null n -> Type.NULL;
            case Expr.ListLit l -> list(l, ctx);
            case Expr.Ref r -> ref(r, ctx);
            case Expr.RequestRoot r -> {
                diagnostics.error(Code.E300, r.span(), "'request' is not a value on its own",
                        "name an attribute, for example request.team");
                yield Type.ERROR;
            }
            case Expr.Member m -> member(m, ctx);
            case Expr.Call c -> call(c, ctx);
            case Expr.BudgetUse b -> {
                if (!scope.budgets.containsKey(b.budget().text())) {
                    diagnostics.error(Code.E207, b.budget().span(), "unknown budget '" + b.budget().text() + "'",
                            Suggest.didYouMean(b.budget().text(), scope.budgets.keySet()));
                }
                yield Type.PERCENT;
            }
            case Expr.Unary u -> unary(u, ctx);
            case Expr.Logical l -> {
                for (Expr operand : l.operands()) condition(operand, ctx);
                yield Type.BOOL;
            }
            case Expr.In in -> in(in, ctx);
            case Expr.Matches m -> {
                expect(m.subject(), ctx, Type.STRING, "the text matched by a regex");
                regex(m.regex());
                yield Type.BOOL;
            }
            case Expr.Binary b -> binary(b, ctx);
        };
    }

    void regex(Expr.Regex r) {
        RegexRules.Problem p = RegexRules.check(r.pattern(), r.flags());
        if (p == null) return;
        Span span = r.span();
        if (p.offset() >= 0 && p.offset() < r.pattern().length()) {
            int at = span.start() + 1 + r.pattern().codePointCount(0, p.offset());
            span = new Span(span.file(), at, at + 1, span.line(), span.column() + (at - span.start()), span.line(),
                    span.column() + (at - span.start()) + 1);
        }
        if (p.needsBacktracking()) {
            diagnostics.error(Code.E402, span, p.message(),
                    "policy regexes must run in linear time (RE2 syntax); rewrite without backreferences, lookaround or possessive quantifiers");
        } else {
            diagnostics.error(Code.E401, span, "invalid regular expression: " + p.message(), null);
        }
    }

    private Type list(Expr.ListLit l, Context ctx) {
        Type element = null;
        for (Expr item : l.items()) {
            Type t = type(item, ctx);
            if (element == null || element.isError() || element.kind() == Type.Kind.NULL) {
                element = t;
            } else if (!element.accepts(t) && !t.accepts(element)) {
                diagnostics.error(Code.E300, item.span(), "list mixes " + element + " and " + t, "a list holds one type of value");
            }
        }
        return Type.list(element == null ? Type.ERROR : element);
    }

    private Type ref(Expr.Ref r, Context ctx) {
        String name = r.name();
        if (scope.constTypes.containsKey(name)) {
            scope.usedConsts.add(name);
            return scope.constTypes.get(name);
        }
        if (scope.models.containsKey(name)) {
            scope.usedModels.add(name);
            return Type.MODEL;
        }
        if ((ctx == Context.EVAL || ctx == Context.EVAL_ALERT) && scope.scores.containsKey(name)) return Type.NUMBER;
        Context.Value v = Context.value(name);
        if (v != null) {
            if (v.contexts().contains(ctx)) return v.type();
            diagnostics.error(Code.E210, r.span(), "'" + name + "' is not available in " + ctx.description,
                    "'" + name + "' exists in " + v.where());
            return Type.ERROR;
        }
        if (ctx == Context.CONST && scope.consts.containsKey(name)) {
            diagnostics.error(Code.E200, r.span(), "const '" + name + "' is used before it is declared",
                    "declare constants before the constants that use them");
            return Type.ERROR;
        }
        List<String> candidates = new ArrayList<>(scope.constTypes.keySet());
        candidates.addAll(scope.models.keySet());
        for (Context.Value cv : Context.VALUES) if (cv.contexts().contains(ctx)) candidates.add(cv.name());
        if (ctx == Context.EVAL || ctx == Context.EVAL_ALERT) candidates.addAll(scope.scores.keySet());
        String help = Suggest.didYouMean(name, candidates);
        if (help == null && scope.attributes.containsKey(name)) help = "request attributes are written request." + name;
        if (help == null && (name.equals("input") || name.equals("response"))) help = "did you mean '" + (name.equals("input") ? "prompt" : "output") + "'?";
        diagnostics.error(Code.E200, r.span(), "unknown name '" + name + "'", help);
        return Type.ERROR;
    }

    private Type member(Expr.Member m, Context ctx) {
        if (!(m.target() instanceof Expr.RequestRoot)) {
            Type t = type(m.target(), ctx);
            if (!t.isError()) {
                diagnostics.error(Code.E300, m.member().span(), article(t) + " has no member '" + m.member().text() + "'",
                        t.kind() == Type.Kind.STRING || t.kind() == Type.Kind.LIST ? "use len(...) for the length" : null);
            }
            return Type.ERROR;
        }
        types.put(m.target(), Type.ERROR);
        if (ctx == Context.CONST) {
            diagnostics.error(Code.E210, m.span(), "a const cannot depend on the request", "use the attribute directly in the rule");
            return Type.ERROR;
        }
        String attr = m.member().text();
        Type t = scope.attributes.get(attr);
        if (t != null) return t;
        diagnostics.error(Code.E203, m.member().span(), "unknown request attribute '" + attr + "'",
                helpOr(Suggest.didYouMean(attr, scope.attributes.keySet()), "declare it in the request { } schema"));
        return Type.ERROR;
    }

    private Type call(Expr.Call c, Context ctx) {
        String fn = c.function().text();
        if (ctx == Context.EVAL_ALERT && Builtins.EVAL_AGGREGATES.contains(fn)) return aggregate(c);
        List<Type> params;
        Type returns;
        Builtins.Signature builtin = Builtins.FUNCTIONS.get(fn);
        Decl.Function declared = scope.functions.get(fn);
        if (builtin != null) {
            params = builtin.params();
            returns = builtin.returns();
        } else if (declared != null) {
            params = new ArrayList<>();
            for (Decl.Param p : declared.params()) params.add(Checker.resolve(p.type(), null));
            returns = Checker.resolve(declared.returns(), null);
        } else {
            for (Expr a : c.args()) type(a, ctx);
            List<String> names = new ArrayList<>(Builtins.FUNCTIONS.keySet());
            names.addAll(scope.functions.keySet());
            String help = Suggest.didYouMean(fn, names);
            if (help == null && Builtins.EVAL_AGGREGATES.contains(fn)) help = "'" + fn + "' is only available in an eval's alert";
            diagnostics.error(Code.E204, c.function().span(), "unknown function '" + fn + "'",
                    helpOr(help, "plugin functions are declared with: function name(x: string) -> number from plugin \"id\""));
            return Type.ERROR;
        }
        if (c.args().size() != params.size()) {
            for (Expr a : c.args()) type(a, ctx);
            diagnostics.error(Code.E302, c.span(), fn + "() takes " + params.size() + " argument" + (params.size() == 1 ? "" : "s")
                    + " but " + c.args().size() + (c.args().size() == 1 ? " was" : " were") + " given", null);
            return returns;
        }
        for (int i = 0; i < params.size(); i++) {
            Type p = params.get(i);
            Type a = type(c.args().get(i), ctx);
            if (p == null) {
                if (!a.isError() && a.kind() != Type.Kind.STRING && a.kind() != Type.Kind.LIST) {
                    mismatch(c.args().get(i).span(), "argument " + (i + 1) + " of " + fn + "() must be a string or a list, but this is " + article(a), Type.STRING, a);
                }
            } else if (!p.accepts(a)) {
                mismatch(c.args().get(i).span(), "argument " + (i + 1) + " of " + fn + "() must be " + article(p) + ", but this is " + article(a), p, a);
            }
        }
        return returns;
    }

    private Type aggregate(Expr.Call c) {
        if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Ref r)) {
            diagnostics.error(Code.E302, c.span(), c.function().text() + "() takes one score name, latency or cost", null);
            return Type.ERROR;
        }
        types.put(r, Type.NUMBER);
        return switch (r.name()) {
            case "latency" -> Type.DURATION;
            case "cost" -> Type.MONEY;
            default -> {
                if (!scope.scores.containsKey(r.name())) {
                    List<String> names = new ArrayList<>(scope.scores.keySet());
                    names.add("latency");
                    names.add("cost");
                    diagnostics.error(Code.E200, r.span(), "unknown score '" + r.name() + "'",
                            helpOr(Suggest.didYouMean(r.name(), names), "declare it in this eval: score " + r.name() + " using \"scorer-id\""));
                    yield Type.ERROR;
                }
                yield Type.NUMBER;
            }
        };
    }

    private Type unary(Expr.Unary u, Context ctx) {
        if (u.op() == Expr.UnaryOp.NOT) {
            condition(u.operand(), ctx);
            return Type.BOOL;
        }
        Type t = type(u.operand(), ctx);
        if (!t.isNumeric()) {
            diagnostics.error(Code.E300, u.span(), "cannot negate " + article(t), null);
            return Type.ERROR;
        }
        return t;
    }

    private Type in(Expr.In in, Context ctx) {
        Type element = type(in.element(), ctx);
        Type collection = type(in.collection(), ctx);
        if (collection.isError()) return Type.BOOL;
        if (collection.kind() == Type.Kind.STRING) {
            diagnostics.error(Code.E300, in.span(), "'in' looks into lists; for text use contains",
                    "write: <text> contains <part>");
        } else if (collection.kind() != Type.Kind.LIST) {
            diagnostics.error(Code.E300, in.collection().span(), "'in' needs a list on its right, but this is " + article(collection), null);
        } else if (!collection.element().accepts(element) && !element.accepts(collection.element())) {
            mismatch(in.element().span(), "looking for " + article(element) + " in a list of " + collection.element(), collection.element(), element);
        }
        return Type.BOOL;
    }

    private Type binary(Expr.Binary b, Context ctx) {
        Type l = type(b.left(), ctx);
        Type r = type(b.right(), ctx);
        if (l.isError() || r.isError()) return b.op().ordinal() <= BinaryOp.GE.ordinal() || isStringOp(b.op()) ? Type.BOOL : Type.ERROR;
        return switch (b.op()) {
            case EQ, NE -> {
                if (!l.accepts(r) && !r.accepts(l)) {
                    String help = null;
                    if (l.kind() == Type.Kind.STRING && r.kind() == Type.Kind.MODEL || l.kind() == Type.Kind.MODEL && r.kind() == Type.Kind.STRING) {
                        help = "model aliases are not strings; to compare with the requested model name, quote it: \"name\"";
                    }
                    diagnostics.error(Code.E300, b.span(), "cannot compare " + article(l) + " with " + article(r), helpOr(help, unitHelp(l, r)));
                }
                yield Type.BOOL;
            }
            case LT, LE, GT, GE -> {
                if (!l.isNumeric() || !r.isNumeric()) {
                    diagnostics.error(Code.E300, b.span(), "'" + b.op().symbol + "' compares numbers and quantities, not " + article(l.isNumeric() ? r : l), null);
                } else if (!l.accepts(r) && !r.accepts(l)) {
                    diagnostics.error(Code.E301, b.span(), "cannot compare " + l + " with " + r, unitHelp(l, r));
                }
                yield Type.BOOL;
            }
            case CONTAINS, ICONTAINS, STARTS_WITH, ENDS_WITH -> {
                if (l.kind() == Type.Kind.LIST && b.op() == BinaryOp.CONTAINS) {
                    if (!l.element().accepts(r)) mismatch(b.right().span(), "list of " + l.element() + " cannot contain " + article(r), l.element(), r);
                } else if (l.kind() != Type.Kind.STRING || r.kind() != Type.Kind.STRING) {
                    diagnostics.error(Code.E300, b.span(), "'" + b.op().symbol + "' works on text, not " + article(l.kind() != Type.Kind.STRING ? l : r), null);
                }
                yield Type.BOOL;
            }
            case COALESCE -> {
                if (!l.accepts(r) && !r.accepts(l)) diagnostics.error(Code.E300, b.span(), "'??' needs a default of the same type: " + l + " ?? " + r, null);
                yield l.kind() == Type.Kind.NULL ? r : l;
            }
            case ADD, SUB -> additive(b, l, r);
            case MUL -> multiplicative(b, l, r);
            case DIV -> division(b, l, r);
        };
    }

    private static boolean isStringOp(BinaryOp op) {
        return op == BinaryOp.CONTAINS || op == BinaryOp.ICONTAINS || op == BinaryOp.STARTS_WITH || op == BinaryOp.ENDS_WITH;
    }

    private Type additive(Expr.Binary b, Type l, Type r) {
        if (b.op() == BinaryOp.ADD && l.kind() == Type.Kind.STRING && r.kind() == Type.Kind.STRING) return Type.STRING;
        if (l.isNumeric() && r.isNumeric()) {
            if (l.kind() == r.kind()) return l;
            if (l.isCount() && r.kind() == Type.Kind.NUMBER) return l;
            if (r.isCount() && l.kind() == Type.Kind.NUMBER) return r;
            diagnostics.error(Code.E301, b.span(), "cannot " + (b.op() == BinaryOp.ADD ? "add " : "subtract ") + r + (b.op() == BinaryOp.ADD ? " to " : " from ") + l, unitHelp(l, r));
            return Type.ERROR;
        }
        diagnostics.error(Code.E300, b.span(), "'" + b.op().symbol + "' needs numbers or quantities, not " + article(l.isNumeric() ? r : l), null);
        return Type.ERROR;
    }

    private Type multiplicative(Expr.Binary b, Type l, Type r) {
        if (l.isNumeric() && r.isNumeric()) {
            if (l.kind() == Type.Kind.NUMBER) return r;
            if (r.kind() == Type.Kind.NUMBER) return l;
            if (l.kind() == Type.Kind.PERCENT) return r;
            if (r.kind() == Type.Kind.PERCENT) return l;
            diagnostics.error(Code.E301, b.span(), "cannot multiply " + l + " by " + r, "multiply a quantity by a number or a percentage");
            return Type.ERROR;
        }
        diagnostics.error(Code.E300, b.span(), "'*' needs numbers or quantities, not " + article(l.isNumeric() ? r : l), null);
        return Type.ERROR;
    }

    private Type division(Expr.Binary b, Type l, Type r) {
        if (l.isNumeric() && r.isNumeric()) {
            if (r.kind() == Type.Kind.NUMBER) return l;
            if (l.kind() == r.kind()) return Type.NUMBER;
            diagnostics.error(Code.E301, b.span(), "cannot divide " + l + " by " + r, "divide by a number, or by the same unit to get a ratio");
            return Type.ERROR;
        }
        diagnostics.error(Code.E300, b.span(), "'/' needs numbers or quantities, not " + article(l.isNumeric() ? r : l), null);
        return Type.ERROR;
    }

    private void mismatch(Span span, String message, Type expected, Type actual) {
        boolean units = expected.isNumeric() && actual.isNumeric() && !expected.isError() && !actual.isError();
        diagnostics.error(units ? Code.E301 : Code.E300, span, message, unitHelp(expected, actual));
    }

    /** Help for the classic unit slips: a bare number where a unit was needed. */
    static String unitHelp(Type a, Type b) {
        Type unit = a.kind() == Type.Kind.NUMBER ? b : b.kind() == Type.Kind.NUMBER ? a : null;
        if (unit == null) {
            if (a.isNumeric() && b.isNumeric()) return "both sides must have the same unit (" + a + " vs " + b + ")";
            return null;
        }
        return switch (unit.kind()) {
            case MONEY -> "write amounts of money with a dollar sign, like $0.01";
            case DURATION -> "write durations with a unit, like 500ms, 30s or 2h";
            case PERCENT -> "write it as a percentage, like 5%";
            default -> null;
        };
    }

    static String article(Type t) {
        return switch (t.kind()) {
            case LIST -> "a " + t;
            case NULL -> "null";
            case ERROR -> "an invalid value";
            case TOKENS -> "a token count";
            case REQUESTS -> "a request count";
            case MONEY -> "an amount of money";
            case DURATION -> "a duration";
            case PERCENT -> "a percentage";
            case MODEL -> "a model";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOL -> "a bool";
        };
    }

    private static String helpOr(String a, String b) {
        return a != null ? a : b;
    }
}
