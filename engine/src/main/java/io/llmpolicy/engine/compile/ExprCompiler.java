package io.llmpolicy.engine.compile;

import com.google.re2j.Pattern;
import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.ast.Expr;
import io.llmpolicy.dsl.check.CheckedPolicy;
import io.llmpolicy.dsl.check.RegexRules;
import io.llmpolicy.dsl.check.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles checked expressions into {@link Node} trees: names resolve to slots and indices here, once, and
 * constant subtrees fold to constants. Relies on the checker: every expression it sees type-checked.
 */
final class ExprCompiler {
    private final CheckedPolicy policy;
    private final AttributeSlots slots;
    private final Map<String, Integer> models;
    private final Map<String, Integer> budgets;
    private final PluginFunctions functions;
    /** Score names of the eval being compiled, by index. */
    Map<String, Integer> scores = Map.of();

    ExprCompiler(CheckedPolicy policy, AttributeSlots slots, Map<String, Integer> models, Map<String, Integer> budgets,
                 PluginFunctions functions) {
        this.policy = policy;
        this.slots = slots;
        this.models = models;
        this.budgets = budgets;
        this.functions = functions;
    }

    Type type(Expr e) {
        return policy.typeOf(e);
    }

    /** A condition: absent values make it false. */
    Node condition(Expr e) {
        Node n = compile(e);
        boolean mayBeAbsent = n instanceof Leaves.Attribute || n instanceof Functions.ExternalCall || n instanceof Ops.Coalesce;
        return n.isConstant() || !mayBeAbsent ? n : new Ops.NullSafeBool(n);
    }

    Node compile(Expr e) {
        Node n = build(e);
        if (!n.isConstant() && foldable(e)) return constant(n);
        return n;
    }

    /** A subtree that reads nothing from the request. */
    private boolean foldable(Expr e) {
        return switch (e) {
            case Expr.Str s -> true;
            case Expr.Num x -> true;
            case Expr.Quantity x -> true;
            case Expr.Money x -> true;
            case Expr.Duration x -> true;
            case Expr.Percent x -> true;
            case Expr.Bool x -> true;
            case Expr.Null x -> true;
            case Expr.ListLit l -> l.items().stream().allMatch(this::foldable);
            case Expr.Ref r -> policy.consts().containsKey(r.name()) || models.containsKey(r.name());
            case Expr.Unary u -> foldable(u.operand());
            case Expr.Binary b -> foldable(b.left()) && foldable(b.right());
            case Expr.Logical l -> l.operands().stream().allMatch(this::foldable);
            case Expr.In i -> foldable(i.element()) && foldable(i.collection());
            case Expr.Matches m -> foldable(m.subject());
            case Expr.Call c -> isPure(c) && c.args().stream().allMatch(this::foldable);
            default -> false;
        };
    }

    private boolean isPure(Expr.Call c) {
        return !policy.functions().containsKey(c.function().text());
    }

    private static Node constant(Node n) {
        EvalContext empty = new EvalContext();
        if (n.isNull(empty)) return new Leaves.ConstNull();
        return switch (n.rep) {
            case BOOL -> new Leaves.ConstBool(n.bool(empty));
            case LONG -> new Leaves.ConstLong(n.lng(empty));
            case DOUBLE -> new Leaves.ConstDouble(n.dbl(empty));
            case OBJECT -> new Leaves.ConstObject(n.obj(empty));
            case NULL -> new Leaves.ConstNull();
        };
    }

    static long nanoUsd(BigDecimal usd) {
        return usd.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private Node build(Expr e) {
        return switch (e) {
            case Expr.Str s -> new Leaves.ConstObject(s.value());
            case Expr.Num n -> new Leaves.ConstDouble(n.value().doubleValue());
            case Expr.Quantity q -> new Leaves.ConstLong(q.value().setScale(0, RoundingMode.HALF_UP).longValueExact());
            case Expr.Money m -> new Leaves.ConstLong(nanoUsd(m.usd()));
            case Expr.Duration d -> new Leaves.ConstLong(d.value().toMillis());
            case Expr.Percent p -> new Leaves.ConstDouble(p.value().doubleValue());
            case Expr.Bool b -> new Leaves.ConstBool(b.value());
            case Expr.Null n -> new Leaves.ConstNull();
            case Expr.ListLit l -> list(l);
            case Expr.Ref r -> ref(r);
            case Expr.RequestRoot r -> throw new IllegalStateException("checked policies never evaluate a bare 'request'");
            case Expr.Member m -> attribute(m.member().text());
            case Expr.Call c -> call(c);
            case Expr.BudgetUse b -> new Leaves.BudgetUse(budgets.get(b.budget().text()));
            case Expr.Unary u -> u.op() == Expr.UnaryOp.NOT ? new Ops.Not(condition(u.operand()))
                    : Rep.of(type(u.operand())) == Rep.LONG ? new Ops.NegLong(compile(u.operand())) : new Ops.NegDouble(compile(u.operand()));
            case Expr.Logical l -> {
                Node[] ops = new Node[l.operands().size()];
                for (int i = 0; i < ops.length; i++) ops[i] = condition(l.operands().get(i));
                yield l.op() == Expr.LogicalOp.AND ? new Ops.And(ops) : new Ops.Or(ops);
            }
            case Expr.In in -> membership(in.element(), in.collection(), in.negated());
            case Expr.Matches m -> new Ops.Matches(compile(m.subject()),
                    Pattern.compile(m.regex().pattern(), RegexRules.re2Flags(m.regex().flags())));
            case Expr.Binary b -> binary(b);
        };
    }

    private Node list(Expr.ListLit l) {
        Node[] items = new Node[l.items().size()];
        for (int i = 0; i < items.length; i++) items[i] = compile(l.items().get(i));
        return new Leaves.ListOf(items);
    }

    private Node ref(Expr.Ref r) {
        String name = r.name();
        Decl.Const c = policy.consts().get(name);
        if (c != null) return compile(c.value());
        Integer model = models.get(name);
        if (model != null) return new Leaves.ConstLong(model);
        Integer score = scores.get(name);
        if (score != null) return new Leaves.ScoreValue(score);
        return switch (name) {
            case "prompt" -> new Leaves.Prompt();
            case "output" -> new Leaves.Output();
            case "expected" -> new Leaves.Expected();
            case "latency" -> new Leaves.Latency();
            case "cost" -> new Leaves.Cost();
            case "target" -> new Leaves.Target();
            case "pass_rate" -> new Leaves.PassRate();
            default -> throw new IllegalStateException("unresolved name " + name + " in a checked policy");
        };
    }

    Node attribute(String name) {
        return switch (name) {
            case "id" -> new Leaves.RequestId();
            case "model" -> new Leaves.RequestedModel();
            case "input_tokens" -> new Leaves.InputTokens();
            case "max_tokens" -> new Leaves.MaxTokens();
            default -> new Leaves.Attribute(Rep.of(policy.attributes().get(name)), slots.slot(name));
        };
    }

    private Node call(Expr.Call c) {
        Node[] args = new Node[c.args().size()];
        for (int i = 0; i < args.length; i++) args[i] = compile(c.args().get(i));
        Decl.Function declared = policy.functions().get(c.function().text());
        if (declared != null) return new Functions.ExternalCall(Rep.of(type(c)), args, functions.bind(declared));
        return Functions.builtin(c.function().text(), args);
    }

    private Node membership(Expr element, Expr collection, boolean negate) {
        Node el = compile(element);
        if (collection instanceof Expr.ListLit l && l.items().stream().allMatch(this::foldable)) {
            Set<Object> set = new HashSet<>();
            for (Expr item : l.items()) {
                Node n = compile(item);
                if (!n.isNull(new EvalContext())) set.add(n.obj(new EvalContext()));
            }
            if (el.rep == Rep.LONG || el.rep == Rep.DOUBLE) {
                return new Ops.Member(el, new Leaves.ConstObject(List.copyOf(set)), negate);
            }
            return new Ops.InSet(el, Set.copyOf(set), negate);
        }
        return new Ops.Member(el, compile(collection), negate);
    }

    private Node binary(Expr.Binary b) {
        Type lt = type(b.left()), rt = type(b.right());
        Node l = compile(b.left()), r = compile(b.right());
        return switch (b.op()) {
            case EQ, NE, LT, LE, GT, GE -> comparison(b.op(), lt, rt, l, r);
            case CONTAINS -> lt.kind() == Type.Kind.LIST ? new Ops.Member(r, l, false) : new Ops.StringOp(Ops.Str.CONTAINS, l, r);
            case ICONTAINS -> new Ops.StringOp(Ops.Str.ICONTAINS, l, r);
            case STARTS_WITH -> new Ops.StringOp(Ops.Str.STARTS_WITH, l, r);
            case ENDS_WITH -> new Ops.StringOp(Ops.Str.ENDS_WITH, l, r);
            case COALESCE -> new Ops.Coalesce(l.rep == Rep.NULL ? r.rep : l.rep, l, r);
            case ADD, SUB -> {
                if (lt.kind() == Type.Kind.STRING) yield new Ops.Concat(l, r);
                Ops.Arith op = b.op() == Expr.BinaryOp.ADD ? Ops.Arith.ADD : Ops.Arith.SUB;
                yield Rep.of(type(b)) == Rep.LONG ? new Ops.LongArith(op, asLong(l), asLong(r)) : new Ops.DoubleArith(op, l, r);
            }
            case MUL -> {
                Rep result = Rep.of(type(b));
                if (result == Rep.DOUBLE) yield new Ops.DoubleArith(Ops.Arith.MUL, l, r);
                boolean leftQuantity = Rep.of(lt) == Rep.LONG;
                Node q = leftQuantity ? l : r, f = leftQuantity ? r : l;
                Type ft = leftQuantity ? rt : lt;
                yield new Ops.ScaleLong(q, f, ft.kind() == Type.Kind.PERCENT ? 100.0 : 1.0, false);
            }
            case DIV -> {
                Rep result = Rep.of(type(b));
                if (result == Rep.DOUBLE && Rep.of(lt) == Rep.LONG && Rep.of(rt) == Rep.LONG) yield new Ops.Ratio(l, r);
                if (result == Rep.DOUBLE) yield new Ops.DoubleArith(Ops.Arith.DIV, l, r);
                yield new Ops.ScaleLong(l, r, rt.kind() == Type.Kind.PERCENT ? 100.0 : 1.0, true);
            }
        };
    }

    /** A number used as a count (the checker allows {@code tokens + 5}). */
    private static Node asLong(Node n) {
        if (n.rep == Rep.LONG) return n;
        if (n instanceof Leaves.ConstDouble d) return new Leaves.ConstLong(Math.round(d.value));
        return new DoubleAsLong(n);
    }

    static final class DoubleAsLong extends Node {
        final Node n;
        DoubleAsLong(Node n) { super(Rep.LONG); this.n = n; }
        @Override public boolean isNull(EvalContext c) { return n.isNull(c); }
        @Override public long lng(EvalContext c) { return Math.round(n.dbl(c)); }
    }

    private Node comparison(Expr.BinaryOp op, Type lt, Type rt, Node l, Node r) {
        Ops.Cmp cmp = switch (op) {
            case EQ -> Ops.Cmp.EQ;
            case NE -> Ops.Cmp.NE;
            case LT -> Ops.Cmp.LT;
            case LE -> Ops.Cmp.LE;
            case GT -> Ops.Cmp.GT;
            default -> Ops.Cmp.GE;
        };
        Rep a = l.rep, b = r.rep;
        if (a == Rep.LONG && b == Rep.LONG) return new Ops.CompareLong(cmp, l, r);
        if (a == Rep.LONG && r instanceof Leaves.ConstDouble d && d.value == Math.rint(d.value)) return new Ops.CompareLong(cmp, l, asLong(r));
        if (b == Rep.LONG && l instanceof Leaves.ConstDouble d && d.value == Math.rint(d.value)) return new Ops.CompareLong(cmp, asLong(l), r);
        if ((a == Rep.LONG || a == Rep.DOUBLE) && (b == Rep.LONG || b == Rep.DOUBLE)) return new Ops.CompareDouble(cmp, l, r);
        if (a == Rep.NULL || b == Rep.NULL || a == Rep.BOOL || a == Rep.OBJECT) {
            if (cmp == Ops.Cmp.EQ || cmp == Ops.Cmp.NE) return new Ops.Equals(cmp == Ops.Cmp.NE, l, r);
        }
        throw new IllegalStateException("comparison " + op + " of " + lt + " and " + rt + " passed the checker");
    }
}
