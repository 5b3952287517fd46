package io.llmpolicy.eval.online;

import java.util.Locale;
import java.util.Objects;

/**
 * A threshold on one windowed aggregate, for example {@code pass_rate < 95%} (threshold 0.95),
 * {@code mean(score) < 0.8} or {@code p95(latency) > 2000}. Immutable.
 *
 * <p>The condition is checked after every recorded sample once the window holds at least {@code minSamples}
 * observations of the metric (samples with a defined score for score metrics, with a recorded latency for latency
 * metrics), so one early failure does not page anyone.
 *
 * @param assertion  the assertion label the metric is about, or null for the eval as a whole (a request passes
 *                   when all its assertions pass; its score is the mean of its defined assertion scores)
 * @param metric     which aggregate
 * @param comparison how the aggregate is compared with the threshold; the condition holds (and alerts) when
 *                   {@code aggregate comparison threshold} is true
 * @param threshold  pass rates and scores as fractions in [0, 1]; latency in milliseconds
 * @param minSamples observations needed before the condition is checked, at least 1
 */
public record AlertCondition(String assertion, Metric metric, Comparison comparison, double threshold,
                             long minSamples) {

    public enum Metric {
        PASS_RATE("pass_rate"), MEAN_SCORE("mean(score)"), P95_SCORE("p95(score)"),
        MEAN_LATENCY("mean(latency)"), P95_LATENCY("p95(latency)");

        private final String word;

        Metric(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        boolean isLatency() {
            return this == MEAN_LATENCY || this == P95_LATENCY;
        }
    }

    public enum Comparison {
        LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(double value, double threshold) {
            return switch (this) {
                case LT -> value < threshold;
                case LE -> value <= threshold;
                case GT -> value > threshold;
                case GE -> value >= threshold;
            };
        }
    }

    public AlertCondition {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(comparison, "comparison");
        if (Double.isNaN(threshold)) throw new IllegalArgumentException("threshold must be a number");
        if (minSamples < 1) throw new IllegalArgumentException("minSamples must be at least 1, was " + minSamples);
        if (metric.isLatency() && assertion != null) {
            throw new IllegalArgumentException(metric.word() + " is per eval, not per assertion (" + assertion + ")");
        }
    }

    /** A condition on the eval as a whole. */
    public static AlertCondition ofEval(Metric metric, Comparison comparison, double threshold, long minSamples) {
        return new AlertCondition(null, metric, comparison, threshold, minSamples);
    }

    /** A condition on one assertion, named by its label. */
    public static AlertCondition ofAssertion(String assertion, Metric metric, Comparison comparison, double threshold,
                                             long minSamples) {
        return new AlertCondition(Objects.requireNonNull(assertion, "assertion"), metric, comparison, threshold,
                minSamples);
    }

    /** For example {@code pass_rate < 95%} or {@code p95(score) [bleu >= 0.3] < 0.5}. */
    public String describe() {
        String value = metric == Metric.PASS_RATE
                ? format(threshold * 100) + "%"
                : format(threshold);
        return metric.word() + (assertion == null ? "" : " [" + assertion + "]") + " " + comparison.symbol() + " " + value;
    }

    private static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return String.format(Locale.ROOT, "%.6g", d).replaceAll("\\.?0+$", "");
    }
}
