package io.llmpolicy.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.eval.BleuCheck;
import io.llmpolicy.eval.Contains;
import io.llmpolicy.eval.ContainsIgnoreCase;
import io.llmpolicy.eval.Eval;
import io.llmpolicy.eval.LatencyAtMost;
import io.llmpolicy.eval.Not;
import io.llmpolicy.eval.RougeCheck;
import io.llmpolicy.eval.metric.RougeN;
import io.llmpolicy.eval.offline.GoldenDataset;
import io.llmpolicy.eval.offline.OfflineRunner;
import io.llmpolicy.eval.stats.TestResult;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offline workflow end to end, as {@code llmpolicy eval --dataset X --baseline B} runs it: run the evals over a
 * golden dataset, write the report as JSON, read it back as the baseline, run a changed dataset, compare, exit code.
 */
class RegressionRunTest {

    /** What the engine would compile from two {@code eval} rules. */
    static final List<Eval> EVALS = List.of(
            new Eval("support", 100_000, List.of(new ContainsIgnoreCase("refund"),
                    new Not(new Contains("as an AI")), new Not(new ContainsIgnoreCase("as an ai")),
                    new LatencyAtMost(2000))),
            new Eval("quality", 100_000, List.of(new RougeCheck(null, 1, RougeN.Measure.F1, 0.6),
                    BleuCheck.ofExpected(0.2))));

    /** The policy's threshold: a drop of more than 5 points in pass rate, significant at 5%, or 0.05 in mean score. */
    static final RegressionCriteria CRITERIA = RegressionCriteria.passRateDrop(0.05).withMaxMeanScoreDrop(0.05);

    static GoldenDataset dataset(String name) {
        try {
            return GoldenDataset.read(Path.of(RegressionRunTest.class.getResource("/golden/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static EvalReport run(String name) {
        return new OfflineRunner(EVALS).run(dataset(name));
    }

    /** The baseline as the CLI would get it: written to JSON by an earlier run and read back. */
    static EvalReport baselineFromJson() {
        return ReportJson.read(new StringReader(ReportJson.write(run("baseline.jsonl"), null)));
    }

    @Test
    void baselineRun_summarisesPassRatesAndScores() {
        EvalReport report = run("baseline.jsonl");
        assertThat(report.records()).isEqualTo(40);
        EvalSummary support = report.eval("support").orElseThrow();
        assertThat(support.assertions()).extracting(AssertionSummary::assertion).containsExactly(
                "icontains \"refund\"", "not contains \"as an AI\"", "not icontains \"as an ai\"", "latency <= 2000ms");
        AssertionSummary refund = support.assertions().get(0);
        assertThat(refund.n()).isEqualTo(40);
        assertThat(refund.passed()).isEqualTo(38);
        assertThat(refund.passRate()).isEqualTo(0.95);
        assertThat(refund.failures()).extracting(Failure::id).containsExactly("r07", "r23");
        assertThat(refund.passRate95().contains(0.95)).isTrue();
        assertThat(support.assertions().get(3).passed()).isEqualTo(39); // r31 took 2600 ms
        assertThat(support.passed()).isEqualTo(37);
        ScoreSummary rouge = report.eval("quality").orElseThrow().assertions().get(0).scores();
        assertThat(rouge.n()).isEqualTo(40);
        assertThat(rouge.histogram().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
        assertThat(rouge.min()).isLessThanOrEqualTo(rouge.p50());
        assertThat(rouge.p50()).isLessThanOrEqualTo(rouge.p95());
        assertThat(rouge.p95()).isLessThanOrEqualTo(rouge.max());
    }

    @Test
    void worseDataset_regressesAgainstTheBaseline_exitCodeOne() {
        Comparison c = Comparison.of(baselineFromJson(), run("worse.jsonl"), CRITERIA);
        assertThat(c.regressed()).isTrue();
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(Comparison.exitCode(c)).isEqualTo(1);
        AssertionComparison refund = row(c, "support", "icontains \"refund\"");
        // 38/40 -> 23/40 (16 refusals, one of them r23, plus r07 which never said "refund"):
        // pooled 61/80, smallest expected cell 40 * 19/80 = 9.5 >= 5, so the z-test
        assertThat(refund.current().passed()).isEqualTo(23);
        assertThat(refund.passRateTest().method()).isEqualTo(TestResult.Method.Z_TEST);
        assertThat(refund.passRateTest().pValue()).isLessThan(0.001);
        assertThat(refund.regressed()).isTrue();
        assertThat(refund.reason()).contains("pass rate fell 37.5 points");
        // case-sensitive "as an AI" misses "As an AI": the icontains variant catches the refusals
        assertThat(row(c, "support", "not contains \"as an AI\"").regressed()).isFalse();
        assertThat(row(c, "support", "not icontains \"as an ai\"").regressed()).isTrue();
        assertThat(row(c, "quality", "rouge-1 f1 >= 0.6").regressed()).isTrue();
        assertThat(row(c, "quality", "rouge-1 f1 >= 0.6").scoreTest().method()).isEqualTo(TestResult.Method.WELCH_T);
    }

    @Test
    void betterDataset_passesAgainstTheBaseline_exitCodeZero() {
        Comparison c = Comparison.of(baselineFromJson(), run("better.jsonl"), CRITERIA);
        assertThat(c.rows()).allSatisfy(r -> assertThat(r.regressed()).as(r.assertion()).isFalse());
        assertThat(c.exitCode()).isZero();
        assertThat(row(c, "support", "icontains \"refund\"").passRateDelta()).isCloseTo(0.05,
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void sameDataset_neverRegresses() {
        assertThat(Comparison.of(baselineFromJson(), run("baseline.jsonl"), CRITERIA).exitCode()).isZero();
        assertThat(Comparison.exitCode(null)).isZero();
    }

    @Test
    void smallDropWithinTheDeclaredThreshold_isNotARegression() {
        // the same worse run judged by a policy that tolerates a 50-point drop and ignores scores
        Comparison c = Comparison.of(baselineFromJson(), run("worse.jsonl"), RegressionCriteria.passRateDrop(0.5));
        assertThat(c.exitCode()).isZero();
    }

    @Test
    void insignificantDrop_isNotARegression() {
        // 1 failure more out of 4 records: a 25-point drop, but Fisher's p is far above 0.05
        AssertionSummary b = summary(4, 4);
        AssertionSummary cur = summary(4, 3);
        AssertionComparison row = Comparison.compare("e", b, cur, RegressionCriteria.DEFAULT);
        assertThat(row.passRateTest().method()).isEqualTo(TestResult.Method.FISHER_EXACT);
        assertThat(row.passRateTest().pValue()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(row.regressed()).isFalse();
    }

    @Test
    void addedAndRemovedAssertions_areReportedButNotRegressions() {
        EvalReport base = run("baseline.jsonl");
        EvalReport current = new OfflineRunner(List.of(new Eval("support", 1, List.of(new ContainsIgnoreCase("refund"),
                new ContainsIgnoreCase("support"))))).run(dataset("baseline.jsonl"));
        Comparison c = Comparison.of(base, current, CRITERIA);
        assertThat(row(c, "support", "icontains \"support\"").status()).isEqualTo(AssertionComparison.Status.NEW);
        assertThat(row(c, "support", "latency <= 2000ms").status()).isEqualTo(AssertionComparison.Status.REMOVED);
        assertThat(row(c, "quality", "bleu >= 0.2").status()).isEqualTo(AssertionComparison.Status.REMOVED);
        assertThat(c.exitCode()).isZero();
    }

    @Test
    void progressListener_seesEveryRecord() {
        List<long[]> calls = new ArrayList<>();
        new OfflineRunner(EVALS).withProgress((done, total) -> calls.add(new long[] {done, total}))
                .run(dataset("baseline.jsonl"));
        assertThat(calls).hasSize(41);
        assertThat(calls.get(0)).containsExactly(0, 40);
        assertThat(calls.get(40)).containsExactly(40, 40);
    }

    @Test
    void costFunction_overridesRecordedCost() {
        EvalReport r = new OfflineRunner(List.of(new Eval("cost", 1, List.of(new io.llmpolicy.eval.CostAtMost(1000)))))
                .withCost(rec -> rec.usage().get("prompt_tokens") * 10 + rec.usage().get("completion_tokens") * 40)
                .run(dataset("baseline.jsonl"));
        // 24 * 10 + 31 * 40 = 1480 nano-USD > 1000 for every record
        assertThat(r.evals().get(0).assertions().get(0).passed()).isZero();
        assertThat(r.evals().get(0).assertions().get(0).failures().get(0).explanation())
                .isEqualTo("cost $0.00000148 > $0.000001");
    }

    @Test
    void textReport_matchesGoldenFile() throws IOException {
        Comparison c = Comparison.of(baselineFromJson(), run("worse.jsonl"), CRITERIA);
        String text = ReportWriter.render(run("worse.jsonl"), c, ReportFormat.TEXT);
        Path golden = Path.of("src/test/resources/golden/worse-vs-baseline.txt");
        if (Boolean.getBoolean("evals.updateGolden")) Files.writeString(golden, text, StandardCharsets.UTF_8);
        assertThat(text).as("re-run with -Devals.updateGolden=true after an intended change")
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    static AssertionComparison row(Comparison c, String eval, String assertion) {
        return c.rows().stream().filter(r -> r.eval().equals(eval) && r.assertion().equals(assertion)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + eval + " / " + assertion + " in " + c.rows()));
    }

    private static AssertionSummary summary(long n, long passed) {
        return new AssertionSummary("a", "contains", n, passed, (double) passed / n,
                io.llmpolicy.eval.stats.Wilson.interval95(passed, n), ScoreSummary.EMPTY, List.of());
    }
}
