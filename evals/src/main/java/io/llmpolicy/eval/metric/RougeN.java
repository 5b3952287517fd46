package io.llmpolicy.eval.metric;

/**
 * ROUGE-N of one candidate against one reference (Lin 2004, "ROUGE: A Package for Automatic Evaluation of
 * Summaries", section 2):
 * <pre>
 *   overlap   = Σ over n-grams g of min(count_candidate(g), count_reference(g))
 *   recall    = overlap / number of reference n-grams      (ROUGE-N as Lin defines it)
 *   precision = overlap / number of candidate n-grams
 *   F1        = 2 · precision · recall / (precision + recall)
 * </pre>
 * Tokens come from {@link Tokens#rouge}. Recall is undefined ({@code NaN}) when the reference has fewer than
 * {@code n} tokens; precision is 0 when the candidate has fewer than {@code n} tokens; F1 is 0 when both
 * precision and recall are 0.
 */
public final class RougeN {

    private RougeN() {
    }

    /** Which of the three numbers an assertion scores. */
    public enum Measure { RECALL, PRECISION, F1 }

    /** The three measures and the counts they come from. */
    public record Result(int n, int overlap, int candidateNgrams, int referenceNgrams,
                         double precision, double recall, double f1) {

        public double get(Measure measure) {
            return switch (measure) {
                case RECALL -> recall;
                case PRECISION -> precision;
                case F1 -> f1;
            };
        }
    }

    public static Result score(String candidate, String reference, int n) {
        if (n < 1) throw new IllegalArgumentException("n must be at least 1, was " + n);
        NGrams cand = NGrams.of(Tokens.rouge(candidate), n);
        NGrams ref = NGrams.of(Tokens.rouge(reference), n);
        int overlap = cand.clippedOverlap(ref);
        double recall = ref.total == 0 ? Double.NaN : (double) overlap / ref.total;
        double precision = cand.total == 0 ? 0.0 : (double) overlap / cand.total;
        double f1;
        if (Double.isNaN(recall)) f1 = Double.NaN;
        else if (precision + recall == 0.0) f1 = 0.0;
        else f1 = 2.0 * precision * recall / (precision + recall);
        return new Result(n, overlap, cand.total, ref.total, precision, recall, f1);
    }
}
