package io.llmpolicy.eval;

import java.util.Objects;

/**
 * The verdict of one assertion on one answer. Immutable.
 *
 * <p>Built-in pass/fail checks score {@code 1.0} when they pass and {@code 0.0} when they fail, so the mean score
 * of such a check equals its pass rate. Graded metrics (Levenshtein similarity, ROUGE-N, BLEU) score the metric's
 * value. The score is {@code NaN} when it is undefined (for example BLEU without a reference text); aggregates skip
 * {@code NaN} scores.
 *
 * @param pass        whether the answer satisfies the assertion
 * @param score       in {@code [0, 1]}, or {@code NaN}
 * @param label       a short categorical verdict, {@code "pass"}/{@code "fail"} for built-ins, or the plugin
 *                    scorer's label (the OpenTelemetry {@code gen_ai.evaluation.score.label})
 * @param explanation why, in one line (never null)
 */
public record AssertionResult(boolean pass, double score, String label, String explanation) {

    public AssertionResult {
        if (!Double.isNaN(score) && (score < 0.0 || score > 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1] or NaN, was " + score);
        }
        Objects.requireNonNull(explanation, "explanation");
        if (label == null || label.isEmpty()) label = pass ? "pass" : "fail";
    }

    /** A result labelled {@code pass}/{@code fail}. */
    public AssertionResult(boolean pass, double score, String explanation) {
        this(pass, score, null, explanation);
    }

    /** A pass/fail check: score 1.0 when it passes, 0.0 when it fails. */
    public static AssertionResult check(boolean pass, String explanation) {
        return new AssertionResult(pass, pass ? 1.0 : 0.0, null, explanation);
    }

    /** A failure whose score is undefined, for example because the reference text is missing. */
    public static AssertionResult undefined(String explanation) {
        return new AssertionResult(false, Double.NaN, null, explanation);
    }
}
