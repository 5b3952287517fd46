package io.llmpolicy.eval.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmpolicy.eval.AssertionResult;
import io.llmpolicy.eval.Contains;
import io.llmpolicy.eval.Eval;
import io.llmpolicy.eval.EvalInput;
import io.llmpolicy.eval.LevenshteinCheck;
import io.llmpolicy.eval.online.AlertCondition.Comparison;
import io.llmpolicy.eval.online.AlertCondition.Metric;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EvalWindowsTest {

    private static final long HOUR = 3_600_000L;
    /** 2026-01-01T10:00:00Z, the start of a one-hour window. */
    private static final long T0 = 1_767_261_600_000L;

    private static final AssertionResult PASS = AssertionResult.check(true, "ok");
    private static final AssertionResult FAIL = AssertionResult.check(false, "no");

    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    private EvalWindows windows(AlertCondition... conditions) {
        return new EvalWindows("support", List.of("contains \"refund\"", "similarity"), Duration.ofHours(1),
                List.of(conditions), alerts::add);
    }

    private static List<AssertionResult> results(boolean first, double secondScore) {
        return List.of(first ? PASS : FAIL, new AssertionResult(secondScore >= 0.5, secondScore, "s"));
    }

    @Test
    void snapshot_aggregatesPassRateMeanAndP95PerAssertion() {
        EvalWindows w = windows();
        for (int i = 0; i < 20; i++) {
            // assertion 0 passes 15 of 20; assertion 1 scores 0.05, 0.10, ..., 1.00
            w.record(results(i % 4 != 0, (i + 1) / 20.0), 100 + i * 10L, T0 + i * 1000L);
        }
        WindowStats s = w.snapshot(T0 + 30 * 60_000L);
        assertThat(s.windowStartMillis()).isEqualTo(T0);
        assertThat(s.windowEndMillis()).isEqualTo(T0 + HOUR);
        assertThat(s.requests()).isEqualTo(20);
        WindowStats.AssertionStats a0 = s.assertions().get(0);
        assertThat(a0.passRate()).isEqualTo(0.75);
        WindowStats.AssertionStats a1 = s.assertions().get(1);
        assertThat(a1.meanScore()).isCloseTo(10.5 / 20, within(1e-12));
        // nearest rank: ceil(0.95 * 20) = 19th smallest score = 0.95
        assertThat(a1.p95Score()).isCloseTo(0.95, within(1e-9));
        assertThat(a1.passes()).isEqualTo(11); // scores 0.50 .. 1.00
        // latencies 100..290 ms: mean 195; p95 = 19th smallest = 280 (HdrHistogram bucket within 1%)
        assertThat(s.meanLatencyMs()).isEqualTo(195.0);
        assertThat(s.p95LatencyMs()).isCloseTo(280.0, within(2.8));
    }

    @Test
    void tumblingWindows_rollOverAtTheBoundary() {
        EvalWindows w = windows();
        w.record(results(true, 1.0), 10, T0 + HOUR - 1);
        w.record(results(false, 0.0), 10, T0 + HOUR);
        assertThat(w.snapshot(T0 + HOUR).requests()).isEqualTo(1);
        assertThat(w.snapshot(T0 + HOUR).passRate()).isEqualTo(0.0);
        assertThat(w.lastCompleted().requests()).isEqualTo(1);
        assertThat(w.lastCompleted().passRate()).isEqualTo(1.0);
        assertThat(w.snapshot(T0 + 5 * HOUR).requests()).isZero();
        assertThat(w.snapshot(T0 + 5 * HOUR).passRate()).isNaN();
    }

    @Test
    void lateSample_isCountedInTheCurrentWindow() {
        EvalWindows w = windows();
        w.record(results(true, 1.0), 10, T0 + HOUR + 5);
        w.record(results(true, 1.0), 10, T0 + 5); // arrives late
        assertThat(w.snapshot(T0 + HOUR).requests()).isEqualTo(2);
        assertThat(w.lastCompleted()).isNull();
    }

    @Test
    void passRateAlert_firesOncePerWindowWhenCrossed() {
        EvalWindows w = windows(AlertCondition.ofEval(Metric.PASS_RATE, Comparison.LT, 0.95, 10));
        long t = T0;
        for (int i = 0; i < 9; i++) w.record(results(i != 0, 1.0), 10, t += 1000); // 8 of 9 pass: below minSamples
        assertThat(alerts).isEmpty();
        w.record(results(true, 1.0), 10, t += 1000); // 9 of 10 = 90% < 95%: fires
        assertThat(alerts).hasSize(1);
        for (int i = 0; i < 50; i++) w.record(results(false, 0.0), 10, t += 1000); // still below: no second alert
        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.eval()).isEqualTo("support");
        assertThat(a.observed()).isEqualTo(0.9);
        assertThat(a.samples()).isEqualTo(10);
        assertThat(a.windowStartMillis()).isEqualTo(T0);
        assertThat(a.firedAtMillis()).isEqualTo(T0 + 10_000);
        assertThat(a.condition().describe()).isEqualTo("pass_rate < 95%");

        for (int i = 0; i < 10; i++) w.record(results(false, 0.0), 10, T0 + HOUR + i); // next window: fires again
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).windowStartMillis()).isEqualTo(T0 + HOUR);
    }

    @Test
    void windowThatNeverCrosses_doesNotFire() {
        EvalWindows w = windows(AlertCondition.ofEval(Metric.PASS_RATE, Comparison.LT, 0.95, 1));
        for (int i = 0; i < 100; i++) w.record(results(true, 1.0), 10, T0 + i);
        assertThat(alerts).isEmpty();
    }

    @Test
    void scoreAndLatencyConditions_fireOnTheirOwnMetric() {
        EvalWindows w = windows(
                AlertCondition.ofAssertion("similarity", Metric.MEAN_SCORE, Comparison.LT, 0.8, 3),
                AlertCondition.ofEval(Metric.P95_LATENCY, Comparison.GT, 2000, 5));
        w.record(results(true, 0.9), 1000, T0 + 1);
        w.record(results(true, 0.9), 1000, T0 + 2);
        w.record(results(true, 0.5), 1000, T0 + 3); // mean (0.9 + 0.9 + 0.5) / 3 = 0.7667 < 0.8
        assertThat(alerts).extracting(a -> a.condition().metric()).containsExactly(Metric.MEAN_SCORE);
        assertThat(alerts.get(0).observed()).isCloseTo(2.3 / 3, within(1e-12));
        w.record(results(true, 0.9), 1000, T0 + 4);
        w.record(results(true, 0.9), 5000, T0 + 5); // p95 of 5 latencies = the 5th = 5000 > 2000
        assertThat(alerts).extracting(a -> a.condition().metric()).containsExactly(Metric.MEAN_SCORE,
                Metric.P95_LATENCY);
        assertThat(alerts.get(1).condition().describe()).isEqualTo("p95(latency) > 2000");
    }

    @Test
    void concurrentRecording_countsEverySample_andFiresExactlyOnce() throws Exception {
        EvalWindows w = windows(AlertCondition.ofEval(Metric.PASS_RATE, Comparison.LT, 0.99, 100));
        int threads = 4;
        int perThread = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) w.record(results(i % 10 != 0, 0.5), 100, T0 + i);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        WindowStats s = w.snapshot(T0);
        assertThat(s.requests()).isEqualTo((long) threads * perThread);
        assertThat(s.assertions().get(0).passes()).isEqualTo((long) threads * perThread * 9 / 10);
        assertThat(alerts).hasSize(1);
    }

    @Test
    void listenerFailure_isCountedAndDoesNotBreakRecording() {
        EvalWindows w = new EvalWindows("e", List.of("a"), Duration.ofMinutes(1),
                List.of(AlertCondition.ofEval(Metric.PASS_RATE, Comparison.LT, 1.0, 1)), a -> {
                    throw new IllegalStateException("sink down");
                });
        w.record(List.of(FAIL), -1, T0);
        w.record(List.of(FAIL), -1, T0 + 1);
        assertThat(w.alertListenerFailures()).isEqualTo(1);
        assertThat(w.snapshot(T0).requests()).isEqualTo(2);
    }

    @Test
    void fromEval_recordsOutcomesByLabel() {
        Eval eval = new Eval("refunds", 1_000_000, List.of(new Contains("refund"),
                LevenshteinCheck.minSimilarity(null, 0.5)));
        EvalWindows w = EvalWindows.of(eval, Duration.ofMinutes(5), List.of(), alerts::add);
        w.record(eval.evaluate(EvalInput.of("a refund").withExpected("a refund")), 50, T0);
        WindowStats s = w.snapshot(T0);
        assertThat(s.assertions()).extracting(WindowStats.AssertionStats::assertion)
                .containsExactly("contains \"refund\"", "levenshtein similarity >= 0.5");
        assertThat(s.passRate()).isEqualTo(1.0);
        assertThat(s.meanScore()).isEqualTo(1.0);
    }

    @Test
    void badConfiguration_isRejectedWithAClearMessage() {
        assertThatThrownBy(() -> windows(AlertCondition.ofAssertion("nope", Metric.PASS_RATE, Comparison.LT, 0.9, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no assertion");
        assertThatThrownBy(() -> AlertCondition.ofAssertion("similarity", Metric.P95_LATENCY, Comparison.GT, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per eval");
        assertThatThrownBy(() -> windows().record(List.of(PASS), 1, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 2 assertions");
    }
}
