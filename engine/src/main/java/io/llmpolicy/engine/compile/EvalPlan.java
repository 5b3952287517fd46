package io.llmpolicy.engine.compile;

import java.util.List;

/**
 * A compiled {@code eval}: sampled deterministically by request id, its assertions are conditions over the output,
 * the expected answer, latency, cost and score values.
 *
 * @param sampleRatePpm sampling rate in parts per million (1,000,000 = every request)
 * @param scorers       plugin scorer ids by score index (their values are NaN when no scorer is loaded)
 * @param alerts        online alert conditions ({@code alert when pass_rate < 95% or p95(latency) > 2s over 1h}); an
 *                      {@code or} of conditions becomes one alert per condition
 * @param regressionMaxDrop the pass-rate drop (fraction) an offline run tolerates ({@code regression max_drop}), 0 when undeclared
 * @param regressionAlpha   significance level of that gate (0.05 by default)
 */
public record EvalPlan(String name, long sampleRatePpm, Node when, boolean monitor, List<Assertion> assertions,
                       List<String> scoreNames, List<String> scorers, List<OnlineAlert> alerts,
                       double regressionMaxDrop, double regressionAlpha) {

    public record Assertion(String label, Node condition) {}

    /**
     * One aggregate condition over a tumbling window.
     *
     * @param metric     {@code pass_rate}, {@code mean} or {@code p95}
     * @param subject    for mean/p95: a score name or {@code latency}; null for pass_rate
     * @param comparison one of {@code < <= > >=}
     * @param threshold  a fraction for pass_rate, milliseconds for latency, the score's value otherwise
     */
    public record OnlineAlert(String metric, String subject, String comparison, double threshold, long windowMillis, String source) {}
}
