package io.llmpolicy.dsl.check;

import java.util.List;

/** Where an expression stands decides which values it may use ({@code output} only exists once there is one). */
public enum Context {
    CONST("a const"),
    ROUTE("a route"),
    BUDGET("a budget"),
    GUARD_INPUT("an input guardrail"),
    GUARD_OUTPUT("an output guardrail"),
    EVAL("an eval"),
    EVAL_ALERT("an eval alert"),
    TEST("a test"),
    TRACE("a trace block");

    final String description;

    Context(String description) {
        this.description = description;
    }

    /** Context values and the contexts they exist in. */
    record Value(String name, Type type, List<Context> contexts, String where) {}

    static final List<Value> VALUES = List.of(
            new Value("prompt", Type.STRING, List.of(ROUTE, BUDGET, GUARD_INPUT, GUARD_OUTPUT, EVAL),
                    "routes, budgets, guardrails and evals"),
            new Value("output", Type.STRING, List.of(GUARD_OUTPUT, EVAL), "output guardrails and evals"),
            new Value("expected", Type.STRING, List.of(EVAL), "evals"),
            new Value("latency", Type.DURATION, List.of(EVAL), "evals"),
            new Value("cost", Type.MONEY, List.of(EVAL), "evals"),
            new Value("target", Type.MODEL, List.of(BUDGET, GUARD_OUTPUT, EVAL), "budgets, output guardrails and evals"),
            new Value("pass_rate", Type.PERCENT, List.of(EVAL_ALERT), "eval alerts"));

    static Value value(String name) {
        for (Value v : VALUES) if (v.name().equals(name)) return v;
        return null;
    }
}
