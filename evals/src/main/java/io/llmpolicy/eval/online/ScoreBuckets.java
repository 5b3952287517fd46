package io.llmpolicy.eval.online;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock-free distribution of scores in [0, 1] for one window: a count and sum for the mean and 1,001 buckets of
 * width 0.001 for percentiles (a score is rounded to the nearest thousandth). 8 KB per instance.
 */
final class ScoreBuckets {

    private static final int BUCKETS = 1001;

    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);

    void record(double score) {
        if (Double.isNaN(score)) return;
        count.increment();
        sum.add(score);
        buckets.incrementAndGet((int) Math.round(Math.max(0.0, Math.min(1.0, score)) * (BUCKETS - 1)));
    }

    long count() {
        return count.sum();
    }

    double mean() {
        long n = count.sum();
        return n == 0 ? Double.NaN : sum.sum() / n;
    }

    /** Nearest-rank percentile: the smallest bucket value with at least {@code p}% of the scores at or below it. */
    double percentile(double p) {
        // two passes over the live counters instead of a copy: no allocation; a concurrent record can only make
        // the answer reflect a few more samples
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) total += buckets.get(i);
        if (total == 0) return Double.NaN;
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += buckets.get(i);
            if (seen >= rank) return i / (double) (BUCKETS - 1);
        }
        return 1.0;
    }
}
