package io.llmpolicy.eval.report;

/**
 * When a result counts as regressed against the baseline. A pass rate regressed when it dropped by more than
 * {@code maxPassRateDrop} (absolute, as a fraction: 0.05 is five percentage points) <em>and</em> the one-sided test
 * of the drop is significant at {@code alpha}. Mean scores are judged the same way with {@code maxMeanScoreDrop}
 * and Welch's t-test, unless {@code maxMeanScoreDrop} is NaN (scores not judged). Immutable.
 *
 * @param maxPassRateDrop  tolerated drop in pass rate, in [0, 1]
 * @param alpha            significance level, in (0, 1); 0.05 by default
 * @param maxMeanScoreDrop tolerated drop in mean score, in [0, 1], or NaN
 */
public record RegressionCriteria(double maxPassRateDrop, double alpha, double maxMeanScoreDrop) {

    public static final double DEFAULT_ALPHA = 0.05;

    /** Any significant drop in pass rate at α = 0.05; scores not judged. */
    public static final RegressionCriteria DEFAULT = new RegressionCriteria(0.0, DEFAULT_ALPHA, Double.NaN);

    public RegressionCriteria {
        if (!(maxPassRateDrop >= 0 && maxPassRateDrop <= 1)) {
            throw new IllegalArgumentException("maxPassRateDrop must be in [0, 1], was " + maxPassRateDrop);
        }
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        if (!Double.isNaN(maxMeanScoreDrop) && !(maxMeanScoreDrop >= 0 && maxMeanScoreDrop <= 1)) {
            throw new IllegalArgumentException("maxMeanScoreDrop must be in [0, 1] or NaN, was " + maxMeanScoreDrop);
        }
    }

    /** Pass-rate drop beyond {@code maxPassRateDrop}, significant at α = 0.05; scores not judged. */
    public static RegressionCriteria passRateDrop(double maxPassRateDrop) {
        return new RegressionCriteria(maxPassRateDrop, DEFAULT_ALPHA, Double.NaN);
    }

    public RegressionCriteria withAlpha(double newAlpha) {
        return new RegressionCriteria(maxPassRateDrop, newAlpha, maxMeanScoreDrop);
    }

    public RegressionCriteria withMaxMeanScoreDrop(double drop) {
        return new RegressionCriteria(maxPassRateDrop, alpha, drop);
    }
}
