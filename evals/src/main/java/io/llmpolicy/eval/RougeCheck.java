package io.llmpolicy.eval;

import io.llmpolicy.eval.metric.RougeN;

/**
 * ROUGE-N of the answer (candidate) against a reference, passing when the chosen measure is at least
 * {@code threshold}. The default measure is recall, which is how Lin (2004) defines ROUGE-N; precision and F1 are
 * available. The score is the chosen measure. The reference is the literal given, or the input's {@code expected}
 * text when the literal is null.
 *
 * @param reference literal reference, or null for the input's expected text
 * @param n         n-gram order, at least 1
 * @param measure   which measure to score
 * @param threshold pass threshold in [0, 1]
 */
public record RougeCheck(String reference, int n, RougeN.Measure measure, double threshold) implements Assertion {

    public RougeCheck {
        if (n < 1) throw new InvalidAssertionException("rouge-n: n must be at least 1, was " + n);
        if (measure == null) measure = RougeN.Measure.RECALL;
        Texts.requireThreshold(threshold, "rouge-n: threshold");
    }

    @Override
    public String kind() {
        return "rouge-n";
    }

    @Override
    public String describe() {
        String m = measure == RougeN.Measure.RECALL ? "" : " " + measure.name().toLowerCase(java.util.Locale.ROOT);
        return "rouge-" + n + Texts.referenceLabel(reference) + m + " >= " + Texts.number(threshold);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        String ref = Texts.reference(reference, input);
        if (ref == null) return AssertionResult.undefined("no reference: neither a literal nor an expected text");
        RougeN.Result r = RougeN.score(input.output(), ref, n);
        double score = r.get(measure);
        if (Double.isNaN(score)) {
            return AssertionResult.undefined("reference has fewer than " + n + " tokens: ROUGE-" + n + " undefined");
        }
        return new AssertionResult(score >= threshold, score, "ROUGE-" + n + " " + measure.name().toLowerCase(
                java.util.Locale.ROOT) + " " + Texts.fixed(score) + " (overlap " + r.overlap() + ", candidate "
                + r.candidateNgrams() + ", reference " + r.referenceNgrams() + " n-grams; threshold "
                + Texts.number(threshold) + ")");
    }
}
