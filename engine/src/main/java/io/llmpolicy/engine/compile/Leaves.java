package io.llmpolicy.engine.compile;



/** Leaf nodes: constants, request attributes and context values. */
final class Leaves {
    private Leaves() {}

    static final class ConstBool extends Node {
        final boolean value;
        ConstBool(boolean value) { super(Rep.BOOL); this.value = value; }
        @Override public boolean bool(EvalContext c) { return value; }
        @Override boolean isConstant() { return true; }
    }

    static final class ConstLong extends Node {
        final long value;
        ConstLong(long value) { super(Rep.LONG); this.value = value; }
        @Override public long lng(EvalContext c) { return value; }
        @Override boolean isConstant() { return true; }
    }

    static final class ConstDouble extends Node {
        final double value;
        ConstDouble(double value) { super(Rep.DOUBLE); this.value = value; }
        @Override public double dbl(EvalContext c) { return value; }
        @Override boolean isConstant() { return true; }
    }

    static final class ConstObject extends Node {
        final Object value;
        ConstObject(Object value) { super(Rep.OBJECT); this.value = value; }
        @Override public Object obj(EvalContext c) { return value; }
        @Override boolean isConstant() { return true; }
    }

    static final class ConstNull extends Node {
        ConstNull() { super(Rep.NULL); }
        @Override public boolean isNull(EvalContext c) { return true; }
        @Override public Object obj(EvalContext c) { return null; }
        @Override boolean isConstant() { return true; }
    }

    /** A declared request attribute, read from its slot; absent when the request did not carry it. */
    static final class Attribute extends Node {
        final int slot;
        Attribute(Rep rep, int slot) { super(rep); this.slot = slot; }
        @Override public boolean isNull(EvalContext c) { return c.values[slot] == null; }
        @Override public boolean bool(EvalContext c) { return (Boolean) c.values[slot]; }
        @Override public long lng(EvalContext c) { return ((Number) c.values[slot]).longValue(); }
        @Override public double dbl(EvalContext c) { return ((Number) c.values[slot]).doubleValue(); }
        @Override public Object obj(EvalContext c) { return c.values[slot]; }
    }

    static final class RequestId extends Node {
        RequestId() { super(Rep.OBJECT); }
        @Override public Object obj(EvalContext c) { return c.requestId; }
    }

    static final class RequestedModel extends Node {
        RequestedModel() { super(Rep.OBJECT); }
        @Override public boolean isNull(EvalContext c) { return c.requestedModel == null; }
        @Override public Object obj(EvalContext c) { return c.requestedModel; }
    }

    static final class InputTokens extends Node {
        InputTokens() { super(Rep.LONG); }
        @Override public long lng(EvalContext c) { return c.inputTokens(); }
    }

    static final class MaxTokens extends Node {
        MaxTokens() { super(Rep.LONG); }
        @Override public boolean isNull(EvalContext c) { return c.maxTokens < 0; }
        @Override public long lng(EvalContext c) { return c.maxTokens; }
    }

    static final class Prompt extends Node {
        Prompt() { super(Rep.OBJECT); }
        @Override public Object obj(EvalContext c) { return c.prompt; }
    }

    static final class Output extends Node {
        Output() { super(Rep.OBJECT); }
        @Override public boolean isNull(EvalContext c) { return c.output == null; }
        @Override public Object obj(EvalContext c) { return c.output; }
    }

    static final class Expected extends Node {
        Expected() { super(Rep.OBJECT); }
        @Override public boolean isNull(EvalContext c) { return c.expected == null; }
        @Override public Object obj(EvalContext c) { return c.expected; }
    }

    static final class Latency extends Node {
        Latency() { super(Rep.LONG); }
        @Override public boolean isNull(EvalContext c) { return c.latencyMillis < 0; }
        @Override public long lng(EvalContext c) { return c.latencyMillis; }
    }

    static final class Cost extends Node {
        Cost() { super(Rep.LONG); }
        @Override public boolean isNull(EvalContext c) { return c.costNanoUsd < 0; }
        @Override public long lng(EvalContext c) { return c.costNanoUsd; }
    }

    static final class Target extends Node {
        Target() { super(Rep.LONG); }
        @Override public boolean isNull(EvalContext c) { return c.target < 0; }
        @Override public long lng(EvalContext c) { return c.target; }
    }

    static final class PassRate extends Node {
        PassRate() { super(Rep.DOUBLE); }
        @Override public boolean isNull(EvalContext c) { return Double.isNaN(c.passRate); }
        @Override public double dbl(EvalContext c) { return c.passRate; }
    }

    static final class ScoreValue extends Node {
        final int index;
        ScoreValue(int index) { super(Rep.DOUBLE); this.index = index; }
        @Override public boolean isNull(EvalContext c) { return c.scores == null || Double.isNaN(c.scores[index]); }
        @Override public double dbl(EvalContext c) { return c.scores[index]; }
    }

    static final class BudgetUse extends Node {
        final int budget;
        BudgetUse(int budget) { super(Rep.DOUBLE); this.budget = budget; }
        @Override public boolean isNull(EvalContext c) { return c.budgetUsage == null; }
        @Override public double dbl(EvalContext c) { return c.budgetUsage.percentUsed(budget, c); }
    }

    /** A list whose items are computed per request. */
    static final class ListOf extends Node {
        final Node[] items;
        ListOf(Node[] items) { super(Rep.OBJECT); this.items = items; }
        @Override public Object obj(EvalContext c) {
            Object[] out = new Object[items.length];
            for (int i = 0; i < items.length; i++) out[i] = items[i].value(c);
            return java.util.Arrays.asList(out);
        }
    }
}
