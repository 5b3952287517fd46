package io.llmpolicy.eval.stats;

/**
 * Distribution functions for the significance tests, accurate to about 1e-12 over the range the tests use.
 *
 * <p>{@code lnGamma} is the Lanczos approximation (g = 7, 9 coefficients, as in Numerical Recipes 3rd ed. and
 * many libraries); the regularised incomplete gamma and beta functions use the series and continued fractions of
 * Numerical Recipes (ch. 6.2, 6.4) evaluated with the modified Lentz method. The normal CDF is
 * {@code Φ(x) = ½·erfc(-x/√2)} with {@code erf(x) = P(½, x²)}; the Student t CDF is
 * {@code P(T ≤ t) = 1 - ½·I_{ν/(ν+t²)}(ν/2, ½)} for t ≥ 0 and symmetric below.
 */
public final class Distributions {

    private static final double[] LANCZOS = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
    private static final double LN_SQRT_2PI = 0.9189385332046727;
    private static final double EPS = 1e-15;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 10_000;

    private Distributions() {
    }

    /** ln Γ(x) for x &gt; 0. */
    public static double lnGamma(double x) {
        if (x < 0.5) { // reflection keeps the approximation in its accurate range
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1.0 - x);
        }
        x -= 1.0;
        double a = LANCZOS[0];
        double t = x + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (x + i);
        return LN_SQRT_2PI + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** ln(n!) for n ≥ 0. */
    public static double lnFactorial(long n) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0");
        if (n < 2) return 0.0;
        return lnGamma(n + 1.0);
    }

    /** Standard normal CDF Φ(x). */
    public static double normalCdf(double x) {
        if (Double.isNaN(x)) return Double.NaN;
        double z = x / Math.sqrt(2.0);
        // erfc(|z|) = Q(1/2, z^2) directly, so the far tails keep their relative precision
        double upper = 0.5 * regularizedGammaQ(0.5, z * z);
        return z >= 0 ? 1.0 - upper : upper;
    }

    /** Student t CDF P(T ≤ t) with {@code df} (real, &gt; 0) degrees of freedom. */
    public static double studentTCdf(double t, double df) {
        if (Double.isNaN(t) || !(df > 0)) return Double.NaN;
        if (Double.isInfinite(t)) return t > 0 ? 1.0 : 0.0;
        double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
        return t >= 0 ? 1.0 - tail : tail;
    }

    /** Regularised lower incomplete gamma P(a, x). */
    public static double regularizedGammaP(double a, double x) {
        if (x <= 0) return 0.0;
        if (x < a + 1.0) return gammaSeries(a, x);
        return 1.0 - gammaContinuedFraction(a, x);
    }

    /** Regularised upper incomplete gamma Q(a, x) = 1 - P(a, x). */
    public static double regularizedGammaQ(double a, double x) {
        if (x <= 0) return 1.0;
        if (x < a + 1.0) return 1.0 - gammaSeries(a, x);
        return gammaContinuedFraction(a, x);
    }

    private static double gammaSeries(double a, double x) {
        double ap = a;
        double sum = 1.0 / a;
        double del = sum;
        for (int n = 0; n < MAX_ITERATIONS; n++) {
            ap += 1.0;
            del *= x / ap;
            sum += del;
            if (Math.abs(del) < Math.abs(sum) * EPS) break;
        }
        return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
    }

    private static double gammaContinuedFraction(double a, double x) {
        double b = x + 1.0 - a;
        double c = 1.0 / TINY;
        double d = 1.0 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            if (Math.abs(d) < TINY) d = TINY;
            c = b + an / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1.0 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1.0) < EPS) break;
        }
        return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
    }

    /** Regularised incomplete beta I_x(a, b) for 0 ≤ x ≤ 1. */
    public static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) return 0.0;
        if (x >= 1) return 1.0;
        double lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        double front = Math.exp(lnFront);
        if (x < (a + 1.0) / (a + b + 2.0)) return front * betaContinuedFraction(x, a, b) / a;
        return 1.0 - front * betaContinuedFraction(1.0 - x, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1.0;
        double qam = a - 1.0;
        double c = 1.0;
        double d = 1.0 - qab * x / qap;
        if (Math.abs(d) < TINY) d = TINY;
        d = 1.0 / d;
        double h = d;
        for (int m = 1; m < MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 + aa * d;
            if (Math.abs(d) < TINY) d = TINY;
            c = 1.0 + aa / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1.0 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 + aa * d;
            if (Math.abs(d) < TINY) d = TINY;
            c = 1.0 + aa / c;
            if (Math.abs(c) < TINY) c = TINY;
            d = 1.0 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1.0) < EPS) break;
        }
        return h;
    }
}
