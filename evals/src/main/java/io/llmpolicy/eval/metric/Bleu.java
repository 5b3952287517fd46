package io.llmpolicy.eval.metric;

import java.util.List;

/**
 * Sentence-level BLEU of one candidate against one reference (Papineni, Roukos, Ward and Zhu 2002, "BLEU: a
 * Method for Automatic Evaluation of Machine Translation"), with uniform weights up to order N (default 4):
 * <pre>
 *   p_n  = Σ_g min(count_candidate(g), count_reference(g)) / max(1, number of candidate n-grams)
 *   BP   = 1 if c &gt; r, else exp(1 - r/c)          c, r = candidate and reference lengths in tokens
 *   BLEU = BP · exp( Σ_{n=1..N} (1/N) · ln p_n )
 * </pre>
 * A single sentence often has no matching 4-gram, which would make the unsmoothed geometric mean 0. Following
 * Chen and Cherry 2014 ("A Systematic Comparison of Smoothing Techniques for Sentence-Level BLEU"), method 1, a
 * precision whose match count is 0 gets numerator ε = 0.1 instead (p_n = 0.1 / max(1, candidate n-grams)); this
 * is what NLTK's {@code SmoothingFunction().method1} computes, so values can be cross-checked with
 * {@code sentence_bleu(..., smoothing_function=method1)} given the same tokens. As in NLTK, BLEU is 0 when no
 * unigram matches (smoothing never rescues a candidate that shares no token with the reference) and when the
 * candidate is empty. With an empty reference BLEU is undefined ({@code NaN}). Tokens come from
 * {@link Tokens#bleu}.
 */
public final class Bleu {

    /** The ε of Chen and Cherry's method 1, NLTK's default. */
    public static final double EPSILON = 0.1;
    public static final int DEFAULT_MAX_ORDER = 4;

    private Bleu() {
    }

    /**
     * The score and its parts.
     *
     * @param precisions the (smoothed) modified precision p_n for n = 1..maxOrder
     */
    public record Result(double score, double[] precisions, double brevityPenalty, int candidateLength,
                         int referenceLength) {
        public Result {
            precisions = precisions.clone();
        }

        @Override
        public double[] precisions() {
            return precisions.clone();
        }
    }

    public static Result sentence(String candidate, String reference) {
        return sentence(candidate, reference, DEFAULT_MAX_ORDER);
    }

    public static Result sentence(String candidate, String reference, int maxOrder) {
        if (maxOrder < 1) throw new IllegalArgumentException("maxOrder must be at least 1, was " + maxOrder);
        List<String> cand = Tokens.bleu(candidate);
        List<String> ref = Tokens.bleu(reference);
        int c = cand.size();
        int r = ref.size();
        double[] precisions = new double[maxOrder];
        if (r == 0) return new Result(Double.NaN, precisions, Double.NaN, c, r);
        double brevityPenalty = c > r ? 1.0 : (c == 0 ? 0.0 : Math.exp(1.0 - (double) r / c));
        double logSum = 0.0;
        boolean unigramMatch = true;
        for (int n = 1; n <= maxOrder; n++) {
            NGrams cg = NGrams.of(cand, n);
            NGrams rg = NGrams.of(ref, n);
            int matches = cg.clippedOverlap(rg);
            int denominator = Math.max(1, cg.total);
            if (n == 1 && matches == 0) unigramMatch = false;
            precisions[n - 1] = (matches == 0 ? EPSILON : matches) / (double) denominator;
            logSum += Math.log(precisions[n - 1]) / maxOrder;
        }
        double score = (c == 0 || !unigramMatch) ? 0.0 : brevityPenalty * Math.exp(logSum);
        return new Result(Math.min(1.0, score), precisions, brevityPenalty, c, r);
    }
}
