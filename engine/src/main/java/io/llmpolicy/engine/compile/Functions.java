package io.llmpolicy.engine.compile;

import io.llmpolicy.eval.ContainsJson;
import io.llmpolicy.eval.EvalInput;
import io.llmpolicy.eval.IsJson;
import io.llmpolicy.eval.metric.Bleu;
import io.llmpolicy.eval.metric.Levenshtein;
import io.llmpolicy.eval.metric.RougeN;
import java.util.Collection;
import java.util.Locale;

/** Built-in functions of the language (docs/language.md#expressions); metrics come from the evals module. */
final class Functions {
    private Functions() {}

    static Node builtin(String name, Node[] args) {
        return switch (name) {
            case "lower" -> new StringFn(args[0], s -> s.toLowerCase(Locale.ROOT));
            case "upper" -> new StringFn(args[0], s -> s.toUpperCase(Locale.ROOT));
            case "len" -> new Len(args[0]);
            case "is_json" -> new Predicate(args[0], s -> new IsJson().evaluate(EvalInput.of(s)).pass());
            case "contains_json" -> new Predicate(args[0], s -> new ContainsJson().evaluate(EvalInput.of(s)).pass());
            case "levenshtein" -> new Metric(args[0], args[1], (a, b) -> Levenshtein.distance(a, b));
            case "similarity" -> new Metric(args[0], args[1], Levenshtein::similarity);
            case "bleu" -> new Metric(args[0], args[1], (a, b) -> Bleu.sentence(a, b).score());
            case "rouge" -> new Rouge(args[0], args[1], args[2]);
            default -> throw new IllegalArgumentException("no built-in function " + name);
        };
    }

    interface StringMap { String apply(String s); }
    interface StringTest { boolean test(String s); }
    interface Pair { double apply(String a, String b); }

    static final class StringFn extends Node {
        final Node arg; final StringMap fn;
        StringFn(Node arg, StringMap fn) { super(Rep.OBJECT); this.arg = arg; this.fn = fn; }
        @Override public boolean isNull(EvalContext c) { return arg.isNull(c); }
        @Override public Object obj(EvalContext c) { return fn.apply((String) arg.obj(c)); }
    }

    static final class Len extends Node {
        final Node arg;
        Len(Node arg) { super(Rep.DOUBLE); this.arg = arg; }
        @Override public boolean isNull(EvalContext c) { return arg.isNull(c); }
        @Override public double dbl(EvalContext c) {
            Object v = arg.obj(c);
            if (v instanceof String s) return s.codePointCount(0, s.length());
            return v instanceof Collection<?> col ? col.size() : 0;
        }
    }

    static final class Predicate extends Node {
        final Node arg; final StringTest fn;
        Predicate(Node arg, StringTest fn) { super(Rep.BOOL); this.arg = arg; this.fn = fn; }
        @Override public boolean bool(EvalContext c) { return !arg.isNull(c) && fn.test((String) arg.obj(c)); }
    }

    static final class Metric extends Node {
        final Node a, b; final Pair fn;
        Metric(Node a, Node b, Pair fn) { super(Rep.DOUBLE); this.a = a; this.b = b; this.fn = fn; }
        @Override public boolean isNull(EvalContext c) { return a.isNull(c) || b.isNull(c); }
        @Override public double dbl(EvalContext c) { return fn.apply((String) a.obj(c), (String) b.obj(c)); }
    }

    static final class Rouge extends Node {
        final Node n, a, b;
        Rouge(Node n, Node a, Node b) { super(Rep.DOUBLE); this.n = n; this.a = a; this.b = b; }
        @Override public boolean isNull(EvalContext c) { return n.isNull(c) || a.isNull(c) || b.isNull(c); }
        @Override public double dbl(EvalContext c) {
            return RougeN.score((String) a.obj(c), (String) b.obj(c), (int) Math.max(1, n.dbl(c))).f1();
        }
    }

    /**
     * A call of a plugin or script function. A call that fails (the function throws, times out or hits a limit)
     * is an absent value, like a missing attribute: conditions on it are false (fail open) and {@code f(x) ?? true}
     * fails closed. The result is computed once per evaluation ({@code isNull} then the accessor).
     */
    static final class ExternalCall extends Node {
        final Node[] args; final PluginFunctions.Call fn;
        ExternalCall(Rep rep, Node[] args, PluginFunctions.Call fn) { super(rep); this.args = args; this.fn = fn; }

        private Object result(EvalContext c) {
            if (c.externalNode == this) return c.externalValue;
            Object v = null;
            boolean absent = false;
            for (Node a : args) absent |= a.isNull(c);
            if (!absent) {
                Object[] values = new Object[args.length];
                for (int i = 0; i < args.length; i++) values[i] = args[i].value(c);
                try {
                    v = fn.call(values);
                } catch (RuntimeException e) {
                    c.externalFailures++;
                    c.lastExternalFailure = e.getMessage();
                }
            }
            c.externalNode = this;
            c.externalValue = v;
            return v;
        }

        @Override public boolean isNull(EvalContext c) { return result(c) == null; }
        @Override public boolean bool(EvalContext c) { return (Boolean) result(c); }
        @Override public long lng(EvalContext c) { return ((Number) result(c)).longValue(); }
        @Override public double dbl(EvalContext c) { return ((Number) result(c)).doubleValue(); }
        @Override public Object obj(EvalContext c) { return rep == Rep.OBJECT ? result(c) : super.obj(c); }
    }
}
