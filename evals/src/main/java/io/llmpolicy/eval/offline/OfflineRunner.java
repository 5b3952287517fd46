package io.llmpolicy.eval.offline;

import io.llmpolicy.eval.AssertionResult;
import io.llmpolicy.eval.Eval;
import io.llmpolicy.eval.EvalInput;
import io.llmpolicy.eval.EvalOutcome;
import io.llmpolicy.eval.report.AssertionSummary;
import io.llmpolicy.eval.report.EvalReport;
import io.llmpolicy.eval.report.EvalSummary;
import io.llmpolicy.eval.report.Failure;
import io.llmpolicy.eval.report.ScoreSummary;
import io.llmpolicy.eval.stats.Wilson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Runs evals over a golden dataset and builds an {@link EvalReport}. Every eval sees every record (sample rates
 * apply online only). Records are processed in file order on the calling thread, so a report is a deterministic
 * function of the evals and the dataset.
 *
 * <p>Immutable; the {@code with...} methods return configured copies. One instance may run several datasets, also
 * concurrently, as far as its evals' scorers allow.
 */
public final class OfflineRunner {

    private final List<Eval> evals;
    private final ProgressListener progress;
    private final ToLongFunction<GoldenRecord> cost;

    public OfflineRunner(List<Eval> evals) {
        this(evals, ProgressListener.NONE, GoldenRecord::costNanoUsd);
    }

    private OfflineRunner(List<Eval> evals, ProgressListener progress, ToLongFunction<GoldenRecord> cost) {
        this.evals = List.copyOf(evals);
        this.progress = Objects.requireNonNull(progress, "progress");
        this.cost = Objects.requireNonNull(cost, "cost");
        long distinct = this.evals.stream().map(Eval::name).distinct().count();
        if (distinct != this.evals.size()) throw new IllegalArgumentException("eval names must be unique");
    }

    /** A copy that reports progress to {@code listener}. */
    public OfflineRunner withProgress(ProgressListener listener) {
        return new OfflineRunner(evals, listener, cost);
    }

    /**
     * A copy that prices each record with {@code costNanoUsd} (for example from the engine's price catalog and the
     * record's {@code model} and {@code usage}) instead of the recorded {@code cost_nano_usd}; return -1 for unknown.
     */
    public OfflineRunner withCost(ToLongFunction<GoldenRecord> costNanoUsd) {
        return new OfflineRunner(evals, progress, costNanoUsd);
    }

    public EvalReport run(GoldenDataset dataset) {
        List<GoldenRecord> records = dataset.records();
        List<EvalTally> tallies = new ArrayList<>(evals.size());
        for (Eval e : evals) tallies.add(new EvalTally(e, records.size()));
        long total = records.size();
        progress.onProgress(0, total);
        long done = 0;
        for (GoldenRecord rec : records) {
            EvalInput input = rec.toEvalInput(cost.applyAsLong(rec));
            for (EvalTally t : tallies) t.add(rec.id(), t.eval.evaluate(input));
            progress.onProgress(++done, total);
        }
        List<EvalSummary> summaries = new ArrayList<>(tallies.size());
        for (EvalTally t : tallies) summaries.add(t.summary());
        return new EvalReport(dataset.name(), total, summaries);
    }

    /** Running counts for one eval. */
    private static final class EvalTally {
        final Eval eval;
        long n;
        long passed;
        final long[] assertionPassed;
        final double[][] scores;
        final List<List<Failure>> failures = new ArrayList<>();

        EvalTally(Eval eval, int size) {
            this.eval = eval;
            int k = eval.assertions().size();
            this.assertionPassed = new long[k];
            this.scores = new double[k][size];
            for (int i = 0; i < k; i++) failures.add(new ArrayList<>());
        }

        void add(String id, EvalOutcome outcome) {
            int row = (int) n++;
            if (outcome.passed()) passed++;
            for (int i = 0; i < assertionPassed.length; i++) {
                AssertionResult r = outcome.results().get(i);
                scores[i][row] = r.score();
                if (r.pass()) assertionPassed[i]++;
                else if (failures.get(i).size() < AssertionSummary.MAX_FAILURES) {
                    failures.get(i).add(new Failure(id, r.explanation()));
                }
            }
        }

        EvalSummary summary() {
            List<AssertionSummary> out = new ArrayList<>(assertionPassed.length);
            for (int i = 0; i < assertionPassed.length; i++) {
                out.add(new AssertionSummary(eval.labels().get(i), eval.assertions().get(i).kind(), n,
                        assertionPassed[i], rate(assertionPassed[i], n), Wilson.interval95(assertionPassed[i], n),
                        ScoreSummary.of(Arrays.copyOf(scores[i], (int) n)), failures.get(i)));
            }
            return new EvalSummary(eval.name(), n, passed, rate(passed, n), Wilson.interval95(passed, n), out);
        }

        private static double rate(long k, long n) {
            return n == 0 ? Double.NaN : (double) k / n;
        }
    }
}
