package io.llmpolicy.eval;

import io.llmpolicy.eval.metric.Bleu;

/**
 * Sentence-level {@link Bleu} of the answer against a reference, passing when BLEU is at least {@code threshold}.
 * The score is BLEU. The reference is the literal given, or the input's {@code expected} text when the literal is
 * null.
 *
 * @param reference literal reference, or null for the input's expected text
 * @param maxOrder  highest n-gram order, usually 4
 * @param threshold pass threshold in [0, 1]
 */
public record BleuCheck(String reference, int maxOrder, double threshold) implements Assertion {

    public BleuCheck {
        if (maxOrder < 1) throw new InvalidAssertionException("bleu: max order must be at least 1, was " + maxOrder);
        Texts.requireThreshold(threshold, "bleu: threshold");
    }

    /** BLEU-4 against the input's expected text. */
    public static BleuCheck ofExpected(double threshold) {
        return new BleuCheck(null, Bleu.DEFAULT_MAX_ORDER, threshold);
    }

    @Override
    public String kind() {
        return "bleu";
    }

    @Override
    public String describe() {
        String order = maxOrder == Bleu.DEFAULT_MAX_ORDER ? "" : "-" + maxOrder;
        return "bleu" + order + Texts.referenceLabel(reference) + " >= " + Texts.number(threshold);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        String ref = Texts.reference(reference, input);
        if (ref == null) return AssertionResult.undefined("no reference: neither a literal nor an expected text");
        Bleu.Result r = Bleu.sentence(input.output(), ref, maxOrder);
        if (Double.isNaN(r.score())) return AssertionResult.undefined("reference has no tokens: BLEU undefined");
        StringBuilder p = new StringBuilder();
        for (double v : r.precisions()) p.append(p.isEmpty() ? "" : "/").append(Texts.fixed(v));
        return new AssertionResult(r.score() >= threshold, r.score(), "BLEU " + Texts.fixed(r.score())
                + " (p_n " + p + ", BP " + Texts.fixed(r.brevityPenalty()) + ", lengths " + r.candidateLength()
                + "/" + r.referenceLength() + "; threshold " + Texts.number(threshold) + ")");
    }
}
