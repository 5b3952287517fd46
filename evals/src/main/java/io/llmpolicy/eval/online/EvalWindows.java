package io.llmpolicy.eval.online;

import io.llmpolicy.eval.AssertionResult;
import io.llmpolicy.eval.Eval;
import io.llmpolicy.eval.EvalOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.AtomicHistogram;

/**
 * Tumbling-window aggregates of one eval's sampled results, with alert conditions.
 *
 * <p>Windows: a window of length {@code W} covers {@code [k·W, (k+1)·W)} in epoch milliseconds, aligned to the
 * Unix epoch (so a 1 h window starts on the hour, UTC). The caller passes the time of each sample; nothing here
 * reads a clock, so a replay with recorded timestamps reproduces the same windows and alerts. A sample whose time
 * falls after the current window starts a new window (the old one becomes {@link #lastCompleted()}); a late sample
 * whose time falls before the current window is counted in the current window.
 *
 * <p>Alerts: after each sample, every condition not yet fired in the current window is checked; the first sample
 * that makes a condition hold fires it once through the {@link AlertListener}. It can fire again in a later window.
 *
 * <p>Concurrency: {@link #record} is lock-free and safe from any number of threads. Counters are
 * {@link LongAdder}s and lock-free histograms, the window is swapped by compare-and-set, and a per-window flag
 * (compare-and-set) guarantees "once per window" even when several threads cross a threshold together. A snapshot
 * or a condition check taken while other threads record sees each counter at some recent value, not one atomic
 * cut across counters. Cost per sample: a few adder increments per assertion plus one O(1) check per condition. A
 * percentile condition is decided exactly from a count of the window's observations below its threshold (see
 * {@code strictlyBelow}), not from the histogram; histograms are walked only for snapshots and for the value an
 * alert reports (so that value is the bucketed percentile, within the resolution stated on {@link WindowStats}).
 */
public final class EvalWindows {

    /** Latencies above one hour are recorded as one hour. */
    private static final long MAX_LATENCY_MS = 3_600_000L;

    private final String evalName;
    private final List<String> labels;
    private final long windowMillis;
    private final List<AlertCondition> conditions;
    private final int[] conditionAssertion; // -1 for eval-level conditions
    private final AlertListener listener;
    private final AtomicReference<Window> current = new AtomicReference<>();
    private volatile Window previous;
    private final LongAdder listenerFailures = new LongAdder();

    /**
     * @param evalName         the eval's name (for alerts and snapshots)
     * @param assertionLabels  labels of its assertions, in order (results are recorded in this order)
     * @param window           the tumbling window length, at least 1 ms
     * @param conditions       alert conditions; assertion labels must be among {@code assertionLabels}
     * @param listener         receives alerts
     */
    public EvalWindows(String evalName, List<String> assertionLabels, Duration window, List<AlertCondition> conditions,
                       AlertListener listener) {
        this.evalName = Objects.requireNonNull(evalName, "evalName");
        this.labels = List.copyOf(assertionLabels);
        this.windowMillis = window.toMillis();
        if (windowMillis < 1) throw new IllegalArgumentException("window must be at least 1 ms, was " + window);
        this.conditions = List.copyOf(conditions);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.conditionAssertion = new int[this.conditions.size()];
        for (int i = 0; i < this.conditions.size(); i++) {
            String a = this.conditions.get(i).assertion();
            conditionAssertion[i] = a == null ? -1 : labels.indexOf(a);
            if (a != null && conditionAssertion[i] < 0) {
                throw new IllegalArgumentException("alert condition " + this.conditions.get(i).describe()
                        + " names no assertion of eval " + evalName + "; known: " + labels);
            }
        }
    }

    /** Windows for {@code eval}, its assertions named by {@link Eval#labels()}. */
    public static EvalWindows of(Eval eval, Duration window, List<AlertCondition> conditions, AlertListener listener) {
        return new EvalWindows(eval.name(), eval.labels(), window, conditions, listener);
    }

    /** Records one sampled request's outcome; {@code latencyMs} negative when unknown. */
    public void record(EvalOutcome outcome, long latencyMs, long nowMillis) {
        record(outcome.results(), latencyMs, nowMillis);
    }

    /**
     * Records one sampled request's results, one per assertion in label order; {@code latencyMs} negative when
     * unknown; {@code nowMillis} the sample's time in epoch milliseconds.
     */
    public void record(List<AssertionResult> results, long latencyMs, long nowMillis) {
        if (results.size() != labels.size()) {
            throw new IllegalArgumentException("eval " + evalName + " has " + labels.size() + " assertions, got "
                    + results.size() + " results");
        }
        Window w = windowFor(nowMillis);
        boolean allPass = true;
        double scoreSum = 0;
        int scored = 0;
        for (int i = 0; i < results.size(); i++) {
            AssertionResult r = results.get(i);
            w.assertionSamples[i].increment();
            if (r.pass()) w.assertionPasses[i].increment();
            else allPass = false;
            w.assertionScores[i].record(r.score());
            if (!Double.isNaN(r.score())) {
                scoreSum += r.score();
                scored++;
            }
        }
        double requestScore = scored == 0 ? Double.NaN : scoreSum / scored;
        w.requests.increment();
        if (allPass) w.requestPasses.increment();
        w.requestScores.record(requestScore);
        if (latencyMs >= 0) {
            w.latencyCount.increment();
            w.latencySum.add(latencyMs);
            w.latency.recordValue(Math.min(latencyMs, MAX_LATENCY_MS));
        }
        for (int c = 0; c < conditions.size(); c++) {
            if (w.atOrBelow[c] == null) continue;
            AlertCondition cond = conditions.get(c);
            int a = conditionAssertion[c];
            double v = cond.metric() == AlertCondition.Metric.P95_LATENCY ? (latencyMs >= 0 ? latencyMs : Double.NaN)
                    : a < 0 ? requestScore : results.get(a).score();
            if (Double.isNaN(v)) continue;
            if (strictlyBelow(cond) ? v < cond.threshold() : v <= cond.threshold()) w.atOrBelow[c].increment();
        }
        checkConditions(w, nowMillis);
    }

    /**
     * Percentile conditions are decided exactly and in O(1) from a count instead of a histogram walk. With
     * k = ⌈0.95·n⌉ and the nearest-rank p95: {@code p95 < T ⇔ #(v < T) ≥ k}, {@code p95 ≤ T ⇔ #(v ≤ T) ≥ k},
     * {@code p95 > T ⇔ #(v ≤ T) < k}, {@code p95 ≥ T ⇔ #(v < T) < k}. This counts {@code v < T} for {@code <} and
     * {@code >=}, {@code v ≤ T} for the other two.
     */
    private static boolean strictlyBelow(AlertCondition cond) {
        return cond.comparison() == AlertCondition.Comparison.LT || cond.comparison() == AlertCondition.Comparison.GE;
    }

    private static boolean percentileHolds(AlertCondition cond, long counted, long n) {
        long k = (long) Math.ceil(0.95 * n);
        boolean atLeastK = counted >= k;
        return switch (cond.comparison()) {
            case LT, LE -> atLeastK;
            case GT, GE -> !atLeastK;
        };
    }

    /** The aggregates of the window containing {@code nowMillis}: empty if nothing was recorded in it yet. */
    public WindowStats snapshot(long nowMillis) {
        long index = Math.floorDiv(nowMillis, windowMillis);
        Window w = current.get();
        if (w != null && w.index == index) return w.stats();
        Window p = previous;
        if (p != null && p.index == index) return p.stats();
        return new Window(index).stats();
    }

    /** The aggregates of the window before the current one, or null when there is none yet. */
    public WindowStats lastCompleted() {
        Window p = previous;
        return p == null ? null : p.stats();
    }

    /** How many times the alert listener threw; the exception is swallowed so recording never fails. */
    public long alertListenerFailures() {
        return listenerFailures.sum();
    }

    public String evalName() {
        return evalName;
    }

    public long windowMillis() {
        return windowMillis;
    }

    private Window windowFor(long nowMillis) {
        long index = Math.floorDiv(nowMillis, windowMillis);
        while (true) {
            Window w = current.get();
            if (w != null && index <= w.index) return w;
            Window next = new Window(index);
            if (current.compareAndSet(w, next)) {
                if (w != null) previous = w;
                return next;
            }
        }
    }

    private void checkConditions(Window w, long nowMillis) {
        for (int c = 0; c < conditions.size(); c++) {
            if (w.fired.get(c) != 0) continue;
            AlertCondition cond = conditions.get(c);
            int a = conditionAssertion[c];
            long samples = w.samples(cond.metric(), a);
            if (samples < cond.minSamples()) continue;
            if (w.atOrBelow[c] != null) {
                if (!percentileHolds(cond, w.atOrBelow[c].sum(), samples)) continue;
            } else {
                double observed = w.value(cond.metric(), a);
                if (Double.isNaN(observed) || !cond.comparison().holds(observed, cond.threshold())) continue;
            }
            if (!w.fired.compareAndSet(c, 0, 1)) continue;
            double observed = w.value(cond.metric(), a); // for percentiles: the histogram's value, for the message
            try {
                listener.onAlert(new Alert(evalName, cond, observed, samples, w.start(), w.start() + windowMillis,
                        nowMillis));
            } catch (RuntimeException e) {
                listenerFailures.increment();
            }
        }
    }

    /** One window's counters; all fields are thread-safe accumulators. */
    private final class Window {
        final long index;
        final LongAdder requests = new LongAdder();
        final LongAdder requestPasses = new LongAdder();
        final ScoreBuckets requestScores = new ScoreBuckets();
        final LongAdder latencyCount = new LongAdder();
        final LongAdder latencySum = new LongAdder();
        final AtomicHistogram latency = new AtomicHistogram(MAX_LATENCY_MS, 2);
        final LongAdder[] assertionSamples = new LongAdder[labels.size()];
        final LongAdder[] assertionPasses = new LongAdder[labels.size()];
        final ScoreBuckets[] assertionScores = new ScoreBuckets[labels.size()];
        final AtomicIntegerArray fired = new AtomicIntegerArray(conditions.size());
        /** Per percentile condition: observations at or below (or strictly below) its threshold; null otherwise. */
        final LongAdder[] atOrBelow = new LongAdder[conditions.size()];

        Window(long index) {
            this.index = index;
            for (int c = 0; c < conditions.size(); c++) {
                AlertCondition.Metric m = conditions.get(c).metric();
                if (m == AlertCondition.Metric.P95_SCORE || m == AlertCondition.Metric.P95_LATENCY) {
                    atOrBelow[c] = new LongAdder();
                }
            }
            for (int i = 0; i < labels.size(); i++) {
                assertionSamples[i] = new LongAdder();
                assertionPasses[i] = new LongAdder();
                assertionScores[i] = new ScoreBuckets();
            }
        }

        long start() {
            return index * windowMillis;
        }

        long samples(AlertCondition.Metric metric, int a) {
            return switch (metric) {
                case PASS_RATE -> a < 0 ? requests.sum() : assertionSamples[a].sum();
                case MEAN_SCORE, P95_SCORE -> a < 0 ? requestScores.count() : assertionScores[a].count();
                case MEAN_LATENCY, P95_LATENCY -> latencyCount.sum();
            };
        }

        double value(AlertCondition.Metric metric, int a) {
            return switch (metric) {
                case PASS_RATE -> a < 0 ? ratio(requestPasses.sum(), requests.sum())
                        : ratio(assertionPasses[a].sum(), assertionSamples[a].sum());
                case MEAN_SCORE -> a < 0 ? requestScores.mean() : assertionScores[a].mean();
                case P95_SCORE -> a < 0 ? requestScores.percentile(95) : assertionScores[a].percentile(95);
                case MEAN_LATENCY -> ratio(latencySum.sum(), latencyCount.sum());
                case P95_LATENCY -> latencyCount.sum() == 0 ? Double.NaN : latency.getValueAtPercentile(95.0);
            };
        }

        WindowStats stats() {
            List<WindowStats.AssertionStats> perAssertion = new ArrayList<>(labels.size());
            for (int i = 0; i < labels.size(); i++) {
                long n = assertionSamples[i].sum();
                long passes = assertionPasses[i].sum();
                perAssertion.add(new WindowStats.AssertionStats(labels.get(i), n, passes, ratio(passes, n),
                        assertionScores[i].count(), assertionScores[i].mean(), assertionScores[i].percentile(95)));
            }
            return new WindowStats(evalName, start(), start() + windowMillis, requests.sum(),
                    value(AlertCondition.Metric.PASS_RATE, -1), requestScores.mean(), requestScores.percentile(95),
                    value(AlertCondition.Metric.MEAN_LATENCY, -1), value(AlertCondition.Metric.P95_LATENCY, -1),
                    perAssertion);
        }
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
