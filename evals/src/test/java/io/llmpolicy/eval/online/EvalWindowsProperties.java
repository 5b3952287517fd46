package io.llmpolicy.eval.online;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.eval.AssertionResult;
import io.llmpolicy.eval.online.AlertCondition.Comparison;
import io.llmpolicy.eval.online.AlertCondition.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Percentile alert conditions are decided from counts, not histograms; they must fire on exactly the sample at
 * which a brute-force nearest-rank p95 over all values so far first satisfies the condition.
 */
class EvalWindowsProperties {

    private static final long T0 = 1_767_261_600_000L;

    /** Nearest-rank p95 of the values. */
    private static double p95(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[(int) Math.ceil(0.95 * v.length) - 1];
    }

    private static int firstCrossing(List<Double> values, Comparison op, double threshold, int minSamples) {
        for (int i = minSamples; i <= values.size(); i++) {
            if (op.holds(p95(values.subList(0, i)), threshold)) return i;
        }
        return -1;
    }

    @Property(tries = 400)
    void p95ScoreCondition_firesAtTheFirstSampleWhoseExactP95Crosses(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 20) Integer> raw,
            @ForAll @IntRange(min = 0, max = 20) int thresholdTwentieths, @ForAll Comparison op,
            @ForAll @IntRange(min = 1, max = 10) int minSamples) {
        List<Double> scores = new ArrayList<>();
        for (int r : raw) scores.add(r / 20.0);
        double threshold = thresholdTwentieths / 20.0;
        List<Alert> alerts = new ArrayList<>();
        EvalWindows w = new EvalWindows("e", List.of("s"), Duration.ofHours(1),
                List.of(AlertCondition.ofAssertion("s", Metric.P95_SCORE, op, threshold, minSamples)), alerts::add);
        int firedAt = -1;
        for (int i = 0; i < scores.size(); i++) {
            w.record(List.of(new AssertionResult(true, scores.get(i), "x")), -1, T0 + i);
            if (firedAt < 0 && !alerts.isEmpty()) firedAt = i + 1;
        }
        assertThat(firedAt).as("scores %s, p95 %s %s", scores, op.symbol(), threshold)
                .isEqualTo(firstCrossing(scores, op, threshold, minSamples));
        assertThat(alerts).hasSizeLessThanOrEqualTo(1);
    }

    @Property(tries = 200)
    void p95LatencyCondition_firesAtTheFirstSampleWhoseExactP95Crosses(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 5000) Integer> latencies,
            @ForAll @IntRange(min = 0, max = 5000) int threshold, @ForAll Comparison op) {
        List<Alert> alerts = new ArrayList<>();
        EvalWindows w = new EvalWindows("e", List.of("s"), Duration.ofHours(1),
                List.of(AlertCondition.ofEval(Metric.P95_LATENCY, op, threshold, 1)), alerts::add);
        int firedAt = -1;
        for (int i = 0; i < latencies.size(); i++) {
            w.record(List.of(AssertionResult.check(true, "x")), latencies.get(i), T0 + i);
            if (firedAt < 0 && !alerts.isEmpty()) firedAt = i + 1;
        }
        List<Double> values = Arrays.stream(latencies.toArray(Integer[]::new)).map(Integer::doubleValue).toList();
        assertThat(firedAt).isEqualTo(firstCrossing(values, op, threshold, 1));
    }
}
