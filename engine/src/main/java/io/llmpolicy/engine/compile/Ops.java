package io.llmpolicy.engine.compile;

import com.google.re2j.Pattern;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/** Operator nodes. Every operator is null-safe: with an absent operand a comparison is false. */
final class Ops {
    private Ops() {}

    enum Cmp { EQ, NE, LT, LE, GT, GE }

    static boolean test(Cmp op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    static final class CompareLong extends Node {
        final Cmp op; final Node a, b;
        CompareLong(Cmp op, Node a, Node b) { super(Rep.BOOL); this.op = op; this.a = a; this.b = b; }
        @Override public boolean bool(EvalContext c) {
            if (a.isNull(c) || b.isNull(c)) return op == Cmp.NE ? a.isNull(c) != b.isNull(c) : op == Cmp.EQ && a.isNull(c) && b.isNull(c);
            return test(op, Long.compare(a.lng(c), b.lng(c)));
        }
    }

    static final class CompareDouble extends Node {
        final Cmp op; final Node a, b;
        CompareDouble(Cmp op, Node a, Node b) { super(Rep.BOOL); this.op = op; this.a = a; this.b = b; }
        @Override public boolean bool(EvalContext c) {
            if (a.isNull(c) || b.isNull(c)) return op == Cmp.NE ? a.isNull(c) != b.isNull(c) : op == Cmp.EQ && a.isNull(c) && b.isNull(c);
            return test(op, Double.compare(a.dbl(c), b.dbl(c)));
        }
    }

    /** == and != on strings, bools and lists (and anything against null). */
    static final class Equals extends Node {
        final boolean negate; final Node a, b;
        Equals(boolean negate, Node a, Node b) { super(Rep.BOOL); this.negate = negate; this.a = a; this.b = b; }
        @Override public boolean bool(EvalContext c) {
            boolean an = a.isNull(c), bn = b.isNull(c);
            boolean eq = an || bn ? an && bn : a.rep == Rep.BOOL ? a.bool(c) == b.bool(c) : a.obj(c).equals(b.obj(c));
            return eq != negate;
        }
    }

    static final class And extends Node {
        final Node[] operands;
        And(Node[] operands) { super(Rep.BOOL); this.operands = operands; }
        @Override public boolean bool(EvalContext c) {
            for (Node n : operands) if (!n.bool(c)) return false;
            return true;
        }
    }

    static final class Or extends Node {
        final Node[] operands;
        Or(Node[] operands) { super(Rep.BOOL); this.operands = operands; }
        @Override public boolean bool(EvalContext c) {
            for (Node n : operands) if (n.bool(c)) return true;
            return false;
        }
    }

    static final class Not extends Node {
        final Node operand;
        Not(Node operand) { super(Rep.BOOL); this.operand = operand; }
        @Override public boolean bool(EvalContext c) { return !operand.bool(c); }
    }

    /** A bool read that is false when absent (an absent optional bool attribute in a condition). */
    static final class NullSafeBool extends Node {
        final Node operand;
        NullSafeBool(Node operand) { super(Rep.BOOL); this.operand = operand; }
        @Override public boolean bool(EvalContext c) { return !operand.isNull(c) && operand.bool(c); }
    }

    enum Arith { ADD, SUB, MUL, DIV }

    static final class LongArith extends Node {
        final Arith op; final Node a, b;
        LongArith(Arith op, Node a, Node b) { super(Rep.LONG); this.op = op; this.a = a; this.b = b; }
        @Override public boolean isNull(EvalContext c) { return a.isNull(c) || b.isNull(c); }
        @Override public long lng(EvalContext c) {
            long x = a.lng(c), y = b.lng(c);
            return switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> y == 0 ? 0 : x / y;
            };
        }
    }

    static final class DoubleArith extends Node {
        final Arith op; final Node a, b;
        DoubleArith(Arith op, Node a, Node b) { super(Rep.DOUBLE); this.op = op; this.a = a; this.b = b; }
        @Override public boolean isNull(EvalContext c) { return a.isNull(c) || b.isNull(c); }
        @Override public double dbl(EvalContext c) {
            double x = a.dbl(c), y = b.dbl(c);
            return switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> y == 0 ? 0 : x / y;
            };
        }
    }

    /** A quantity scaled by a number or a percentage, rounded to the nearest unit: {@code $10 * 1.5}, {@code 80% * $100}. */
    static final class ScaleLong extends Node {
        final Node quantity, factor; final double divisor; final boolean divide;
        ScaleLong(Node quantity, Node factor, double divisor, boolean divide) {
            super(Rep.LONG); this.quantity = quantity; this.factor = factor; this.divisor = divisor; this.divide = divide;
        }
        @Override public boolean isNull(EvalContext c) { return quantity.isNull(c) || factor.isNull(c); }
        @Override public long lng(EvalContext c) {
            double f = factor.dbl(c) / divisor;
            return divide ? (f == 0 ? 0 : Math.round(quantity.lng(c) / f)) : Math.round(quantity.lng(c) * f);
        }
    }

    /** Ratio of two quantities of the same unit: {@code $10 / $40} = 0.25. */
    static final class Ratio extends Node {
        final Node a, b;
        Ratio(Node a, Node b) { super(Rep.DOUBLE); this.a = a; this.b = b; }
        @Override public boolean isNull(EvalContext c) { return a.isNull(c) || b.isNull(c); }
        @Override public double dbl(EvalContext c) { long y = b.lng(c); return y == 0 ? 0 : (double) a.lng(c) / y; }
    }

    static final class NegLong extends Node {
        final Node a;
        NegLong(Node a) { super(Rep.LONG); this.a = a; }
        @Override public boolean isNull(EvalContext c) { return a.isNull(c); }
        @Override public long lng(EvalContext c) { return -a.lng(c); }
    }

    static final class NegDouble extends Node {
        final Node a;
        NegDouble(Node a) { super(Rep.DOUBLE); this.a = a; }
        @Override public boolean isNull(EvalContext c) { return a.isNull(c); }
        @Override public double dbl(EvalContext c) { return -a.dbl(c); }
    }

    static final class Concat extends Node {
        final Node a, b;
        Concat(Node a, Node b) { super(Rep.OBJECT); this.a = a; this.b = b; }
        @Override public boolean isNull(EvalContext c) { return a.isNull(c) || b.isNull(c); }
        @Override public Object obj(EvalContext c) { return (String) a.obj(c) + b.obj(c); }
    }

    /** {@code a ?? b}: a, or b when a is absent. */
    static final class Coalesce extends Node {
        final Node a, b;
        Coalesce(Rep rep, Node a, Node b) { super(rep); this.a = a; this.b = b; }
        @Override public boolean isNull(EvalContext c) { return a.isNull(c) && b.isNull(c); }
        @Override public boolean bool(EvalContext c) { return a.isNull(c) ? b.bool(c) : a.bool(c); }
        @Override public long lng(EvalContext c) { return a.isNull(c) ? b.lng(c) : a.lng(c); }
        @Override public double dbl(EvalContext c) { return a.isNull(c) ? b.dbl(c) : a.dbl(c); }
        @Override public Object obj(EvalContext c) { return a.isNull(c) ? b.obj(c) : a.obj(c); }
    }

    enum Str { CONTAINS, ICONTAINS, STARTS_WITH, ENDS_WITH }

    static final class StringOp extends Node {
        final Str op; final Node a, b;
        StringOp(Str op, Node a, Node b) { super(Rep.BOOL); this.op = op; this.a = a; this.b = b; }
        @Override public boolean bool(EvalContext c) {
            if (a.isNull(c) || b.isNull(c)) return false;
            String s = (String) a.obj(c), t = (String) b.obj(c);
            return switch (op) {
                case CONTAINS -> s.contains(t);
                case ICONTAINS -> containsIgnoreCase(s, t);
                case STARTS_WITH -> s.startsWith(t);
                case ENDS_WITH -> s.endsWith(t);
            };
        }
    }

    /** Case-insensitive search without allocating lower-cased copies. */
    static boolean containsIgnoreCase(String s, String t) {
        int n = t.length();
        if (n == 0) return true;
        for (int i = 0, last = s.length() - n; i <= last; i++) {
            if (s.regionMatches(true, i, t, 0, n)) return true;
        }
        return false;
    }

    /** {@code list contains x} and {@code x in list}. */
    static final class Member extends Node {
        final Node element, collection; final boolean negate;
        Member(Node element, Node collection, boolean negate) { super(Rep.BOOL); this.element = element; this.collection = collection; this.negate = negate; }
        @Override public boolean bool(EvalContext c) {
            if (element.isNull(c) || collection.isNull(c)) return false;
            Object coll = collection.obj(c);
            boolean found = coll instanceof Collection<?> col && col.contains(element.obj(c));
            return found != negate;
        }
    }

    /** {@code x in ["a", "b", ...]} against a constant list: one hash lookup. */
    static final class InSet extends Node {
        final Node element; final Set<Object> set; final boolean negate;
        InSet(Node element, Set<Object> set, boolean negate) { super(Rep.BOOL); this.element = element; this.set = set; this.negate = negate; }
        @Override public boolean bool(EvalContext c) {
            if (element.isNull(c)) return false;
            return set.contains(element.obj(c)) != negate;
        }
    }

    static final class Matches extends Node {
        final Node subject; final Pattern pattern;
        Matches(Node subject, Pattern pattern) { super(Rep.BOOL); this.subject = subject; this.pattern = pattern; }
        @Override public boolean bool(EvalContext c) {
            return !subject.isNull(c) && pattern.matcher((String) subject.obj(c)).find();
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
