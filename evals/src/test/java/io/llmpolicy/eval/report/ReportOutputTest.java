package io.llmpolicy.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmpolicy.eval.Contains;
import io.llmpolicy.eval.Eval;
import io.llmpolicy.eval.EqualsText;
import io.llmpolicy.eval.offline.GoldenDataset;
import io.llmpolicy.eval.offline.OfflineRunner;
import java.io.StringReader;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportOutputTest {

    private static EvalReport worse() {
        return RegressionRunTest.run("worse.jsonl");
    }

    private static Comparison comparison() {
        return Comparison.of(RegressionRunTest.baselineFromJson(), worse(), RegressionRunTest.CRITERIA);
    }

    @Test
    void json_roundTrips_evenWithAComparisonInTheFile() {
        EvalReport report = worse();
        String json = ReportJson.write(report, comparison());
        assertThat(ReportJson.read(new StringReader(json))).isEqualTo(report);
    }

    @Test
    void json_isByteStableAndLeadsWithFormatAndVersion() {
        String a = ReportJson.write(worse(), comparison());
        String b = ReportJson.write(worse(), comparison());
        assertThat(a).isEqualTo(b);
        assertThat(a).startsWith("{\n  \"format\": \"llmpolicy-eval-report\",\n  \"version\": 1,\n  \"dataset\": \"worse.jsonl\"");
        assertThat(a).contains("\"exit_code\": 1").contains("\"method\": \"z-test\"").doesNotContain("\r");
    }

    @Test
    void json_writesUndefinedNumbersAsNull_andReadsThemBackAsNaN() {
        // "equals expected" on records without expected text: every score undefined
        GoldenDataset d = GoldenDataset.read("d.jsonl", new StringReader("{\"id\":\"a\",\"response\":{\"content\":\"x\"}}"));
        EvalReport report = new OfflineRunner(List.of(new Eval("e", 1, List.of(new EqualsText(null))))).run(d);
        String json = ReportJson.write(report, null);
        assertThat(json).contains("\"mean\": null").contains("\"variance\": null");
        EvalReport back = ReportJson.read(new StringReader(json));
        assertThat(back.evals().get(0).assertions().get(0).scores().mean()).isNaN();
        assertThat(back).isEqualTo(report);
    }

    @Test
    void read_rejectsFilesThatAreNotReports() {
        assertThatThrownBy(() -> ReportJson.read(new StringReader("nope"))).isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ReportJson.read(new StringReader("{\"format\":\"other\"}")))
                .isInstanceOf(ReportFormatException.class).hasMessageContaining("\"format\" must be");
        assertThatThrownBy(() -> ReportJson.read(new StringReader("{\"format\":\"llmpolicy-eval-report\",\"version\":9}")))
                .isInstanceOf(ReportFormatException.class).hasMessageContaining("unsupported report version 9");
    }

    @Test
    void html_isSelfContained() {
        String html = ReportWriter.render(worse(), comparison(), ReportFormat.HTML);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=")
                .doesNotContain("@import").doesNotContain("url(");
        // the only URL is the SVG namespace name, which browsers never fetch
        Matcher urls = Pattern.compile("https?://[^\"\\s<]+").matcher(html);
        while (urls.find()) assertThat(urls.group()).isEqualTo("http://www.w3.org/2000/svg");
    }

    @Test
    void html_drawsBaselineAndCurrentBarsAndOneHistogramPerAssertion() {
        String html = ReportWriter.render(worse(), comparison(), ReportFormat.HTML);
        // 6 assertions: a baseline bar and a current bar each in the pass-rate chart
        assertThat(count(html, "<title>baseline: ")).isEqualTo(6);
        assertThat(count(html, "<title>current: ")).isEqualTo(6);
        assertThat(count(html, "class=\"hist\"")).isEqualTo(6);
        assertThat(html).contains("5 regressions against the baseline.");
        assertThat(html).contains("<details><summary>support / <code>icontains &quot;refund&quot;</code>: 17 failed");
    }

    @Test
    void html_withoutBaseline_drawsCurrentOnly() {
        String html = ReportWriter.render(worse(), null, ReportFormat.HTML);
        assertThat(count(html, "<title>baseline: ")).isZero();
        assertThat(count(html, "<title>current: ")).isEqualTo(6);
        assertThat(html).doesNotContain("Comparison with the baseline");
    }

    @Test
    void html_escapesPolicyAndDatasetText() {
        GoldenDataset d = GoldenDataset.read("<i>.jsonl", new StringReader(
                "{\"id\":\"<script>alert(1)</script>\",\"response\":{\"content\":\"x\"}}"));
        EvalReport report = new OfflineRunner(List.of(new Eval("e&<b>", 1, List.of(new Contains("<b>"))))).run(d);
        String html = ReportWriter.render(report, null, ReportFormat.HTML);
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("<i>");
        assertThat(html).contains("e&amp;&lt;b&gt;").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void text_withoutBaseline_hasNoComparisonSection() {
        String text = ReportWriter.render(worse(), null, ReportFormat.TEXT);
        assertThat(text).startsWith("Eval report: dataset worse.jsonl, 40 records").doesNotContain("baseline");
    }

    @Test
    void format_parsesCommandLineNames() {
        assertThat(ReportFormat.parse("HTML")).isEqualTo(ReportFormat.HTML);
        assertThat(ReportFormat.parse(" json ")).isEqualTo(ReportFormat.JSON);
        assertThatThrownBy(() -> ReportFormat.parse("pdf")).hasMessageContaining("expected text, json or html");
    }

    @Test
    void scoreSummary_usesNearestRankAndTenBuckets() {
        // 0.0, 0.1, ..., 0.9 plus 1.0: p50 = 6th smallest = 0.5, p95 = ceil(10.45) = 11th = 1.0
        double[] scores = new double[12];
        for (int i = 0; i <= 10; i++) scores[i] = i / 10.0;
        scores[11] = Double.NaN;
        ScoreSummary s = ScoreSummary.of(scores);
        assertThat(s.n()).isEqualTo(11);
        assertThat(s.p50()).isEqualTo(0.5);
        assertThat(s.p95()).isEqualTo(1.0);
        assertThat(s.mean()).isEqualTo(0.5);
        assertThat(s.variance()).isCloseTo(0.11, org.assertj.core.api.Assertions.within(1e-12));
        // 0.3 = 2.9999999999999996 / 10 in binary still lands in [0.3, 0.4); 1.0 joins the last bucket
        assertThat(s.histogram()).containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 2L);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
