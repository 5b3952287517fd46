package io.llmpolicy.engine.compile;

import java.util.List;

/**
 * A compiled {@code eval}: sampled deterministically by request id, its assertions are conditions over the output,
 * the expected answer, latency, cost and score values.
 *
 * @param sampleRatePpm sampling rate in parts per million (1,000,000 = every request)
 * @param scorers       plugin scorer ids by score index (their values are NaN when no scorer is loaded)
 * @param passRateAlerts online alerts on the pass rate ({@code alert when pass_rate < 95% over 1h})
 * @param regressionMaxDrop the pass-rate drop (fraction) an offline run tolerates ({@code regression max_drop}), 0 when undeclared
 * @param regressionAlpha   significance level of that gate (0.05 by default)
 */
public record EvalPlan(String name, long sampleRatePpm, Node when, boolean monitor, List<Assertion> assertions,
                       List<String> scoreNames, List<String> scorers, List<PassRateAlert> passRateAlerts,
                       double regressionMaxDrop, double regressionAlpha) {

    public record Assertion(String label, Node condition) {}

    /** {@code comparison} is one of {@code < <= > >=}; {@code threshold} a fraction in [0, 1]. */
    public record PassRateAlert(String comparison, double threshold, long windowMillis, String source) {}
}
