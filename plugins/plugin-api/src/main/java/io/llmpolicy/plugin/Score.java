package io.llmpolicy.plugin;

/**
 * The result of an {@link EvalScorer}. Immutable.
 *
 * @param value       the score; by convention in [0, 1] where higher is better, but each scorer documents its range
 * @param label       a short verdict (for example {@code pass}, {@code fail}, {@code toxic}), or {@code ""}
 * @param explanation why, in a sentence, or {@code ""}
 */
public record Score(double value, String label, String explanation) {
    public Score {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("score must be a finite number, got " + value);
        }
        label = label == null ? "" : label;
        explanation = explanation == null ? "" : explanation;
    }
}
