package io.llmpolicy.eval;

import java.util.Objects;

/**
 * Negates another assertion: passes when it fails. The score is {@code 1 - inner score} (NaN stays NaN). An inner
 * result with an undefined score (missing reference, unrecorded latency) stays a failure: "not" of an unknown is
 * not a pass.
 */
public record Not(Assertion inner) implements Assertion {

    public Not {
        Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String kind() {
        return "not " + inner.kind();
    }

    @Override
    public String describe() {
        return "not " + inner.describe();
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        AssertionResult r = inner.evaluate(input);
        if (Double.isNaN(r.score()) && !r.pass()) return AssertionResult.undefined(r.explanation());
        double score = Double.isNaN(r.score()) ? Double.NaN : 1.0 - r.score();
        return new AssertionResult(!r.pass(), score, "not: " + r.explanation());
    }
}
