package io.llmpolicy.eval.report;

import java.util.Arrays;
import java.util.List;

/**
 * The distribution of one assertion's defined scores (NaN scores are left out; {@link #n()} counts the rest).
 * Percentiles use the nearest-rank method: the p-th percentile is the smallest score with at least p% of the scores
 * at or below it. {@code variance} is the sample variance (divisor n-1), NaN below two scores. The histogram has
 * {@value #BUCKETS} buckets of width 0.1: bucket k holds scores in [k/10, (k+1)/10), the last also 1.0 (a score
 * within 10<sup>-9</sup> below a bucket edge counts as on the edge, so 0.3 lands in [0.3, 0.4) despite binary
 * rounding).
 */
public record ScoreSummary(long n, double mean, double variance, double min, double p50, double p95, double max,
                           List<Long> histogram) {

    public static final int BUCKETS = 10;
    public static final ScoreSummary EMPTY = new ScoreSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));

    public ScoreSummary {
        histogram = List.copyOf(histogram);
        if (histogram.size() != BUCKETS) throw new IllegalArgumentException("histogram needs " + BUCKETS + " buckets");
    }

    /** Summarises {@code scores}, skipping NaN. */
    public static ScoreSummary of(double[] scores) {
        double[] v = Arrays.stream(scores).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) return EMPTY;
        double sum = 0;
        for (double d : v) sum += d;
        double mean = sum / v.length;
        double variance = Double.NaN;
        if (v.length > 1) {
            double ss = 0;
            for (double d : v) ss += (d - mean) * (d - mean);
            variance = ss / (v.length - 1);
        }
        Long[] buckets = new Long[BUCKETS];
        Arrays.fill(buckets, 0L);
        for (double d : v) {
            int k = (int) Math.floor(d * BUCKETS + 1e-9);
            k = Math.max(0, Math.min(BUCKETS - 1, k));
            buckets[k]++;
        }
        return new ScoreSummary(v.length, mean, variance, v[0], nearestRank(v, 50), nearestRank(v, 95),
                v[v.length - 1], List.of(buckets));
    }

    /** Nearest-rank percentile of sorted, non-empty values. */
    static double nearestRank(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
