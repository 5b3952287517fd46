package io.llmpolicy.eval.online;

import java.util.List;

/**
 * A read-only snapshot of one window's aggregates. Values are NaN when the window holds no observation of them.
 * Percentiles are nearest-rank; score percentiles are exact to ±0.0005, latency percentiles to 1% (HdrHistogram,
 * two significant digits).
 *
 * @param eval              the eval's name
 * @param windowStartMillis inclusive, epoch ms
 * @param windowEndMillis   exclusive, epoch ms
 * @param requests          sampled requests recorded
 * @param passRate          share of requests whose assertions all passed
 * @param meanScore         mean of the per-request scores (each the mean of its defined assertion scores)
 * @param p95Score          95th percentile of the per-request scores
 * @param meanLatencyMs     mean latency of requests with a recorded latency
 * @param p95LatencyMs      95th percentile of those latencies
 * @param assertions        one entry per assertion, in the eval's order
 */
public record WindowStats(String eval, long windowStartMillis, long windowEndMillis, long requests, double passRate,
                          double meanScore, double p95Score, double meanLatencyMs, double p95LatencyMs,
                          List<AssertionStats> assertions) {

    public WindowStats {
        assertions = List.copyOf(assertions);
    }

    /**
     * One assertion's aggregates.
     *
     * @param assertion the assertion's label
     * @param samples   results recorded
     * @param passes    results that passed
     * @param passRate  passes / samples
     * @param scored    results with a defined (non-NaN) score
     * @param meanScore mean of the defined scores
     * @param p95Score  95th percentile of the defined scores
     */
    public record AssertionStats(String assertion, long samples, long passes, double passRate, long scored,
                                 double meanScore, double p95Score) {
    }
}
