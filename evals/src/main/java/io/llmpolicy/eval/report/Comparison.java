package io.llmpolicy.eval.report;

import io.llmpolicy.eval.stats.ProportionTest;
import io.llmpolicy.eval.stats.TestResult;
import io.llmpolicy.eval.stats.WelchTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The comparison of a current report with a baseline report, assertion by assertion (matched by eval name and
 * assertion label). Immutable.
 *
 * <p>Pass rates: a one-sided test of "current lower than baseline" chosen by {@link ProportionTest#lower}
 * (pooled two-proportion z-test when every expected cell count is at least 5, Fisher's exact test otherwise).
 * Mean scores: one-sided Welch's t-test from the stored means and variances. A row regressed when
 * {@link RegressionCriteria} say so; the run regressed when any row did, and {@link #exitCode()} is then 1.
 */
public record Comparison(String baselineDataset, String currentDataset, List<AssertionComparison> rows) {

    /** Exit code of a run with no regression. */
    public static final int OK = 0;
    /** Exit code of a run with at least one regression. */
    public static final int REGRESSED = 1;

    public Comparison {
        rows = List.copyOf(rows);
    }

    /** Compares with the same criteria for every eval. */
    public static Comparison of(EvalReport baseline, EvalReport current, RegressionCriteria criteria) {
        Objects.requireNonNull(criteria, "criteria");
        return of(baseline, current, name -> criteria);
    }

    /** Compares with per-eval criteria ({@code criteriaForEval} is given the eval's name and must not return null). */
    public static Comparison of(EvalReport baseline, EvalReport current,
                                Function<String, RegressionCriteria> criteriaForEval) {
        List<AssertionComparison> rows = new ArrayList<>();
        for (EvalSummary cur : current.evals()) {
            RegressionCriteria criteria = Objects.requireNonNull(criteriaForEval.apply(cur.eval()),
                    "criteria for eval " + cur.eval());
            EvalSummary base = baseline.eval(cur.eval()).orElse(null);
            for (AssertionSummary a : cur.assertions()) {
                AssertionSummary b = base == null ? null : base.assertion(a.assertion()).orElse(null);
                rows.add(b == null ? unmatched(cur.eval(), a.assertion(), AssertionComparison.Status.NEW, null, a, criteria)
                        : compare(cur.eval(), b, a, criteria));
            }
        }
        for (EvalSummary base : baseline.evals()) {
            EvalSummary cur = current.eval(base.eval()).orElse(null);
            for (AssertionSummary b : base.assertions()) {
                if (cur == null || cur.assertion(b.assertion()).isEmpty()) {
                    rows.add(unmatched(base.eval(), b.assertion(), AssertionComparison.Status.REMOVED, b, null,
                            Objects.requireNonNull(criteriaForEval.apply(base.eval()), "criteria for eval " + base.eval())));
                }
            }
        }
        return new Comparison(baseline.dataset(), current.dataset(), rows);
    }

    private static AssertionComparison unmatched(String eval, String assertion, AssertionComparison.Status status,
                                                 AssertionSummary baseline, AssertionSummary current,
                                                 RegressionCriteria criteria) {
        return new AssertionComparison(eval, assertion, status, baseline, current, TestResult.NOT_APPLICABLE,
                TestResult.NOT_APPLICABLE, criteria, false, "");
    }

    static AssertionComparison compare(String eval, AssertionSummary b, AssertionSummary c, RegressionCriteria k) {
        TestResult rateTest = ProportionTest.lower(b.passed(), b.n(), c.passed(), c.n());
        TestResult scoreTest = WelchTest.lower(b.scores().mean(), b.scores().variance(), b.scores().n(),
                c.scores().mean(), c.scores().variance(), c.scores().n());
        List<String> reasons = new ArrayList<>(2);
        double rateDrop = b.passRate() - c.passRate();
        if (rateDrop > k.maxPassRateDrop() && rateTest.significantAt(k.alpha())) {
            reasons.add(String.format(Locale.ROOT, "pass rate fell %.1f points (> %.1f allowed), %s p=%.4g < %.3g",
                    rateDrop * 100, k.maxPassRateDrop() * 100, rateTest.method().label(), rateTest.pValue(), k.alpha()));
        }
        double scoreDrop = b.scores().mean() - c.scores().mean();
        if (!Double.isNaN(k.maxMeanScoreDrop()) && scoreDrop > k.maxMeanScoreDrop() && scoreTest.significantAt(k.alpha())) {
            reasons.add(String.format(Locale.ROOT, "mean score fell %.4f (> %.4f allowed), welch-t p=%.4g < %.3g",
                    scoreDrop, k.maxMeanScoreDrop(), scoreTest.pValue(), k.alpha()));
        }
        return new AssertionComparison(eval, c.assertion(), AssertionComparison.Status.COMPARED, b, c, rateTest,
                scoreTest, k, !reasons.isEmpty(), String.join("; ", reasons));
    }

    /** True when any assertion regressed. */
    public boolean regressed() {
        return rows.stream().anyMatch(AssertionComparison::regressed);
    }

    /** {@value #REGRESSED} when any assertion regressed, else {@value #OK}. */
    public int exitCode() {
        return regressed() ? REGRESSED : OK;
    }

    /** The exit code for a run: {@value #OK} without a baseline, else {@link #exitCode()}. */
    public static int exitCode(Comparison comparisonOrNull) {
        return comparisonOrNull == null ? OK : comparisonOrNull.exitCode();
    }
}
