package io.llmpolicy.eval;

import java.util.List;

/**
 * The results of one eval on one answer, in assertion order ({@code results.get(i)} belongs to
 * {@code eval.labels().get(i)}). Immutable.
 */
public record EvalOutcome(Eval eval, List<AssertionResult> results) {

    public EvalOutcome {
        results = List.copyOf(results);
        if (results.size() != eval.assertions().size()) {
            throw new IllegalArgumentException("expected " + eval.assertions().size() + " results, got " + results.size());
        }
    }

    /** True when every assertion passed. */
    public boolean passed() {
        for (AssertionResult r : results) if (!r.pass()) return false;
        return true;
    }

    /** The mean of the defined (non-NaN) assertion scores, or NaN when none is defined: the request's score. */
    public double meanScore() {
        double sum = 0;
        int n = 0;
        for (AssertionResult r : results) {
            if (!Double.isNaN(r.score())) {
                sum += r.score();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public String label(int i) {
        return eval.labels().get(i);
    }
}
