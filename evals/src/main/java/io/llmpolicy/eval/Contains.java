package io.llmpolicy.eval;

import java.util.Objects;

/** Passes when the answer contains {@code needle} (case-sensitive, exact code units). */
public record Contains(String needle) implements Assertion {

    public Contains {
        Objects.requireNonNull(needle, "needle");
    }

    @Override
    public String kind() {
        return "contains";
    }

    @Override
    public String describe() {
        return "contains " + Texts.quote(needle);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        boolean found = input.output().contains(needle);
        return AssertionResult.check(found,
                (found ? "output contains " : "output does not contain ") + Texts.quote(needle));
    }
}
