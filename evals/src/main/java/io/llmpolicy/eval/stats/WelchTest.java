package io.llmpolicy.eval.stats;

/**
 * Welch's unequal-variances t-test (Welch 1947), one-sided, for "the current mean score is lower than the
 * baseline's". From summary statistics only (mean, sample variance with n-1, n), so a stored report can be the
 * baseline:
 * <pre>
 *   t = (m_c - m_b) / √(s²_c/n_c + s²_b/n_b)
 *   ν = (s²_c/n_c + s²_b/n_b)² / ( (s²_c/n_c)²/(n_c-1) + (s²_b/n_b)²/(n_b-1) )      (Welch–Satterthwaite)
 *   p = P(T_ν ≤ t)
 * </pre>
 * Needs at least two scores on each side; otherwise no test applies. When both variances are 0 the means are
 * compared exactly (p = 0 if the current mean is lower, else 1).
 */
public final class WelchTest {

    private WelchTest() {
    }

    public static TestResult lower(double baselineMean, double baselineVariance, long baselineN,
                                   double currentMean, double currentVariance, long currentN) {
        if (baselineN < 2 || currentN < 2 || Double.isNaN(baselineMean) || Double.isNaN(currentMean)
                || Double.isNaN(baselineVariance) || Double.isNaN(currentVariance)) {
            return TestResult.NOT_APPLICABLE;
        }
        double vb = baselineVariance / baselineN;
        double vc = currentVariance / currentN;
        double se2 = vb + vc;
        if (se2 == 0) {
            double p = currentMean < baselineMean ? 0.0 : 1.0;
            return new TestResult(TestResult.Method.WELCH_T, Double.NaN, Double.NaN, p);
        }
        double t = (currentMean - baselineMean) / Math.sqrt(se2);
        double df = se2 * se2 / (vc * vc / (currentN - 1) + vb * vb / (baselineN - 1));
        return new TestResult(TestResult.Method.WELCH_T, t, df, Distributions.studentTCdf(t, df));
    }
}
