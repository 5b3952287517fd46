package io.llmpolicy.eval.stats;

/**
 * The Wilson score interval for a binomial proportion (Wilson 1927, "Probable inference, the law of succession,
 * and statistical inference", JASA 22:209-212):
 * <pre>
 *   p̂ = x/n;  centre = (p̂ + z²/2n) / (1 + z²/n);  half = z/(1 + z²/n) · √(p̂(1-p̂)/n + z²/4n²)
 * </pre>
 * Unlike the normal ("Wald") interval it stays inside [0, 1] and behaves at p̂ = 0 or 1 and for small n (Brown,
 * Cai and DasGupta 2001 recommend it).
 */
public final class Wilson {

    /** z for a two-sided 95% interval: Φ⁻¹(0.975). */
    public static final double Z_95 = 1.959963984540054;

    private Wilson() {
    }

    public static Interval interval95(long successes, long n) {
        return interval(successes, n, Z_95);
    }

    public static Interval interval(long successes, long n, double z) {
        if (n <= 0) return Interval.UNDEFINED;
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must be in [0, n], was " + successes + " of " + n);
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1.0 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.max(0.0, centre - half), Math.min(1.0, centre + half));
    }
}
