package io.llmpolicy.engine;

import io.llmpolicy.dsl.ast.Expr;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The oracle: evaluates a condition straight from the AST with boxed, exact values (BigDecimal numbers, null for
 * absent attributes), written from the language reference rather than from the compiler. Only the expression forms
 * the differential test generates are supported.
 */
final class ReferenceInterpreter {
    private final Map<String, Object> request;

    ReferenceInterpreter(Map<String, Object> request) {
        this.request = request;
    }

    boolean condition(Expr e) {
        Object v = eval(e);
        return v instanceof Boolean b && b;
    }

    Object eval(Expr e) {
        return switch (e) {
            case Expr.Str s -> s.value();
            case Expr.Num n -> n.value();
            case Expr.Quantity q -> q.value();
            case Expr.Bool b -> b.value();
            case Expr.Null n -> null;
            case Expr.ListLit l -> l.items().stream().map(this::eval).toList();
            case Expr.Member m -> request.get(m.member().text());
            case Expr.Call c when c.function().text().equals("lower") -> {
                Object s = eval(c.args().get(0));
                yield s == null ? null : ((String) s).toLowerCase(java.util.Locale.ROOT);
            }
            case Expr.Unary u when u.op() == Expr.UnaryOp.NOT -> !condition(u.operand());
            case Expr.Unary u -> {
                Object v = eval(u.operand());
                yield v == null ? null : ((BigDecimal) v).negate();
            }
            case Expr.Logical l -> {
                boolean and = l.op() == Expr.LogicalOp.AND;
                for (Expr o : l.operands()) if (condition(o) != and) yield !and;
                yield and;
            }
            case Expr.In in -> {
                Object el = eval(in.element()), coll = eval(in.collection());
                if (el == null || coll == null) yield false;
                yield contains((Collection<?>) coll, el) != in.negated();
            }
            case Expr.Binary b -> binary(b);
            default -> throw new IllegalArgumentException("not supported by the oracle: " + e);
        };
    }

    private static boolean contains(Collection<?> coll, Object el) {
        for (Object o : coll) if (same(o, el)) return true;
        return false;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y) == 0;
        return a.equals(b);
    }

    private Object binary(Expr.Binary b) {
        Object l = eval(b.left()), r = eval(b.right());
        return switch (b.op()) {
            case EQ -> l == null || r == null ? l == null && r == null : same(l, r);
            case NE -> l == null || r == null ? (l == null) != (r == null) : !same(l, r);
            case LT, LE, GT, GE -> {
                if (l == null || r == null) yield false;
                int c = ((BigDecimal) l).compareTo((BigDecimal) r);
                yield switch (b.op()) {
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    default -> c >= 0;
                };
            }
            case ADD, SUB, MUL -> {
                if (l == null || r == null) yield null;
                BigDecimal x = (BigDecimal) l, y = (BigDecimal) r;
                yield b.op() == Expr.BinaryOp.ADD ? x.add(y) : b.op() == Expr.BinaryOp.SUB ? x.subtract(y) : x.multiply(y);
            }
            case CONTAINS -> l != null && r != null && (l instanceof List<?> list ? contains(list, r) : ((String) l).contains((String) r));
            case STARTS_WITH -> l != null && r != null && ((String) l).startsWith((String) r);
            case COALESCE -> l != null ? l : r;
            default -> throw new IllegalArgumentException("not supported by the oracle: " + b.op());
        };
    }
}
