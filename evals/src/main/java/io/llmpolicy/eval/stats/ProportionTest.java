package io.llmpolicy.eval.stats;

/**
 * One-sided test that the current pass rate is lower than the baseline's (H₀: p_current = p_baseline,
 * H₁: p_current &lt; p_baseline).
 *
 * <p>{@link #lower} picks the test by Cochran's rule (Cochran 1954): when every expected count of the 2×2 table
 * (pass/fail × baseline/current, expected under the pooled rate) is at least 5, the pooled two-proportion z-test
 * (normal approximation); otherwise Fisher's exact test (Fisher 1922), exact for any n. Both return the one-sided
 * p-value of the observed drop or a larger one.
 */
public final class ProportionTest {

    /** Cochran's minimum expected cell count for the normal approximation. */
    public static final double MIN_EXPECTED_COUNT = 5.0;

    private ProportionTest() {
    }

    /** The z-test or Fisher's exact test, by Cochran's rule; NONE when either side has no observations. */
    public static TestResult lower(long baselinePass, long baselineN, long currentPass, long currentN) {
        check(baselinePass, baselineN);
        check(currentPass, currentN);
        if (baselineN == 0 || currentN == 0) return TestResult.NOT_APPLICABLE;
        double pooled = (double) (baselinePass + currentPass) / (baselineN + currentN);
        double minExpected = Math.min(Math.min(baselineN, currentN) * pooled, Math.min(baselineN, currentN) * (1 - pooled));
        return minExpected >= MIN_EXPECTED_COUNT
                ? zTest(baselinePass, baselineN, currentPass, currentN)
                : fisherExact(baselinePass, baselineN, currentPass, currentN);
    }

    /**
     * Pooled two-proportion z-test: {@code z = (p_c - p_b) / √(p̂(1-p̂)(1/n_b + 1/n_c))} with p̂ the pooled rate;
     * p-value Φ(z).
     */
    public static TestResult zTest(long baselinePass, long baselineN, long currentPass, long currentN) {
        check(baselinePass, baselineN);
        check(currentPass, currentN);
        if (baselineN == 0 || currentN == 0) return TestResult.NOT_APPLICABLE;
        double pb = (double) baselinePass / baselineN;
        double pc = (double) currentPass / currentN;
        double pooled = (double) (baselinePass + currentPass) / (baselineN + currentN);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / baselineN + 1.0 / currentN));
        if (se == 0) return new TestResult(TestResult.Method.Z_TEST, 0.0, Double.NaN, 1.0); // all pass or all fail
        double z = (pc - pb) / se;
        return new TestResult(TestResult.Method.Z_TEST, z, Double.NaN, Distributions.normalCdf(z));
    }

    /**
     * Fisher's exact test, lower tail: with the table's margins fixed, the number of current passes is
     * hypergeometric; the p-value is P(X ≤ observed current passes).
     */
    public static TestResult fisherExact(long baselinePass, long baselineN, long currentPass, long currentN) {
        check(baselinePass, baselineN);
        check(currentPass, currentN);
        if (baselineN == 0 || currentN == 0) return TestResult.NOT_APPLICABLE;
        long total = baselineN + currentN;
        long passes = baselinePass + currentPass;
        long lowest = Math.max(0, currentN - (total - passes));
        double lnDenominator = lnChoose(total, currentN);
        double p = 0.0;
        for (long i = lowest; i <= currentPass; i++) {
            p += Math.exp(lnChoose(passes, i) + lnChoose(total - passes, currentN - i) - lnDenominator);
        }
        return new TestResult(TestResult.Method.FISHER_EXACT, Double.NaN, Double.NaN, Math.min(1.0, p));
    }

    private static double lnChoose(long n, long k) {
        return Distributions.lnFactorial(n) - Distributions.lnFactorial(k) - Distributions.lnFactorial(n - k);
    }

    private static void check(long pass, long n) {
        if (n < 0 || pass < 0 || pass > n) {
            throw new IllegalArgumentException("pass count must be in [0, n], was " + pass + " of " + n);
        }
    }
}
