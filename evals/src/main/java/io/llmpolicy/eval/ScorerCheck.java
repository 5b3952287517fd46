package io.llmpolicy.eval;

import java.util.Objects;

/**
 * Runs a plugin {@link Scorer} and passes when its value is at least {@code minScore}. A NaN or out-of-range value
 * and an exception from the scorer all fail, with an explanation naming the scorer, and never propagate.
 *
 * @param name     the scorer's name as the policy wrote it (for example {@code judge.relevance})
 * @param scorer   the adapted plugin scorer
 * @param minScore pass threshold in [0, 1]
 */
public record ScorerCheck(String name, Scorer scorer, double minScore) implements Assertion {

    public ScorerCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scorer, "scorer");
        Texts.requireThreshold(minScore, "scorer " + name + ": threshold");
    }

    @Override
    public String kind() {
        return "scorer";
    }

    @Override
    public String describe() {
        return "scorer " + name + " >= " + Texts.number(minScore);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        Score s;
        try {
            s = scorer.score(input);
        } catch (Exception e) {
            return AssertionResult.undefined("scorer " + name + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (s == null) return AssertionResult.undefined("scorer " + name + " returned no score");
        double v = s.value();
        if (Double.isNaN(v)) {
            return new AssertionResult(false, Double.NaN, s.label(), explain(s, "no numeric score"));
        }
        if (v < 0.0 || v > 1.0) {
            return AssertionResult.undefined("scorer " + name + " returned " + v + ", outside [0, 1]");
        }
        return new AssertionResult(v >= minScore, v, s.label(),
                explain(s, "score " + Texts.fixed(v) + " (threshold " + Texts.number(minScore) + ")"));
    }

    private String explain(Score s, String verdict) {
        return "scorer " + name + ": " + verdict + (s.explanation().isEmpty() ? "" : "; " + s.explanation());
    }
}
