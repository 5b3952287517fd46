package io.llmpolicy.eval.report;

import io.llmpolicy.eval.stats.TestResult;

/**
 * One assertion compared between a baseline and the current run. Immutable.
 *
 * @param eval          the eval's name
 * @param assertion     the assertion's label
 * @param status        whether both runs have the assertion
 * @param baseline      the baseline's summary, or null when {@link Status#NEW}
 * @param current       the current summary, or null when {@link Status#REMOVED}
 * @param passRateTest  one-sided test of a pass-rate drop ({@link TestResult#NOT_APPLICABLE} unless compared)
 * @param scoreTest     one-sided Welch test of a mean-score drop
 * @param criteria      the criteria applied
 * @param regressed     whether the criteria call this a regression
 * @param reason        why it regressed, or {@code ""}
 */
public record AssertionComparison(String eval, String assertion, Status status, AssertionSummary baseline,
                                  AssertionSummary current, TestResult passRateTest, TestResult scoreTest,
                                  RegressionCriteria criteria, boolean regressed, String reason) {

    public enum Status {
        /** In both runs. */
        COMPARED,
        /** Only in the current run: nothing to compare with, never a regression. */
        NEW,
        /** Only in the baseline: reported, not a regression (the policy changed, not the model). */
        REMOVED
    }

    /** current − baseline pass rate, NaN unless compared. */
    public double passRateDelta() {
        return status == Status.COMPARED ? current.passRate() - baseline.passRate() : Double.NaN;
    }

    /** current − baseline mean score, NaN unless compared or when either side has no scores. */
    public double meanScoreDelta() {
        return status == Status.COMPARED ? current.scores().mean() - baseline.scores().mean() : Double.NaN;
    }
}
