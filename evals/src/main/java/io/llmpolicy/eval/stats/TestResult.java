package io.llmpolicy.eval.stats;

/**
 * The outcome of a one-sided significance test for "current is worse than baseline".
 *
 * @param method           which test ran
 * @param statistic        z or t (NaN for Fisher's exact test and when no test applies)
 * @param degreesOfFreedom Welch–Satterthwaite ν for the t-test, else NaN
 * @param pValue           one-sided p-value, or NaN when no test applies (too little data)
 */
public record TestResult(Method method, double statistic, double degreesOfFreedom, double pValue) {

    public enum Method {
        /** Pooled two-proportion z-test. */
        Z_TEST,
        /** Fisher's exact test (hypergeometric lower tail). */
        FISHER_EXACT,
        /** Welch's unequal-variances t-test. */
        WELCH_T,
        /** Not enough data for any test. */
        NONE;

        public String label() {
            return switch (this) {
                case Z_TEST -> "z-test";
                case FISHER_EXACT -> "fisher";
                case WELCH_T -> "welch-t";
                case NONE -> "none";
            };
        }
    }

    public static final TestResult NOT_APPLICABLE = new TestResult(Method.NONE, Double.NaN, Double.NaN, Double.NaN);

    /** True when a test ran and its p-value is below {@code alpha}. */
    public boolean significantAt(double alpha) {
        return !Double.isNaN(pValue) && pValue < alpha;
    }
}
