package io.llmpolicy.engine.compile;

/**
 * A compiled expression: an immutable tree of small nodes, one class per operation, evaluated against a
 * per-request {@link EvalContext}. Each node answers through the accessor of its representation ({@link Rep}):
 * a {@code LONG} node implements {@link #lng}, and so on, so evaluation never boxes. A node that can be absent
 * (an attribute the request does not carry) answers {@link #isNull} first; operators are null-safe: a comparison
 * with an absent value is false.
 *
 * <p>Thread-safe: nodes hold no mutable state.
 */
public abstract class Node {
    final Rep rep;

    Node(Rep rep) {
        this.rep = rep;
    }

    public boolean isNull(EvalContext ctx) {
        return false;
    }

    public boolean bool(EvalContext ctx) {
        throw new IllegalStateException(getClass().getSimpleName() + " is not a bool");
    }

    public long lng(EvalContext ctx) {
        throw new IllegalStateException(getClass().getSimpleName() + " is not a long");
    }

    public double dbl(EvalContext ctx) {
        return lng(ctx);
    }

    public Object obj(EvalContext ctx) {
        return switch (rep) {
            case BOOL -> bool(ctx);
            case LONG -> lng(ctx);
            case DOUBLE -> dbl(ctx);
            case NULL -> null;
            case OBJECT -> throw new IllegalStateException(getClass().getSimpleName() + " has no object value");
        };
    }

    /** The value boxed (for explain output, scope keys and tests); null when absent. */
    public final Object value(EvalContext ctx) {
        return isNull(ctx) ? null : obj(ctx);
    }

    /** True when the node depends on nothing from the request (constants fold at compile time). */
    boolean isConstant() {
        return false;
    }
}
