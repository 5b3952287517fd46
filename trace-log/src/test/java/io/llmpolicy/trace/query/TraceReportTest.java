package io.llmpolicy.trace.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReportTest {

    @TempDir
    Path dir;

    @BeforeEach
    void write() {
        QueryFixtures.write(dir);
    }

    @Test
    void byTeam_totalsAndPercentiles() {
        TraceReport report = TraceReport.build(dir, TraceReport.GroupBy.TEAM, TraceQuery.ALL);
        List<TraceReport.Row> rows = report.rows();
        assertThat(rows).extracting(TraceReport.Row::group).containsExactly("payments", "search", "(none)");
        TraceReport.Row payments = rows.get(0);
        assertThat(payments.requests()).isEqualTo(3);
        assertThat(payments.denied()).isEqualTo(1);
        assertThat(payments.costNanoUsd()).isEqualTo(124_456_789);
        assertThat(payments.inputTokens()).isEqualTo(1150);
        assertThat(payments.outputTokens()).isEqualTo(110);
        // latencies 10, 100, 500 ms: HdrHistogram (3 significant digits) stays within 0.1%.
        assertThat(payments.latencyP50Nanos()).isBetween(99_900_000L, 100_100_000L);
        assertThat(payments.latencyMaxNanos()).isBetween(499_500_000L, 500_500_000L);
        TraceReport.Row search = rows.get(1);
        assertThat(search.errors()).isEqualTo(1);
        assertThat(report.total().requests()).isEqualTo(6);
        assertThat(report.total().costNanoUsd()).isEqualTo(127_456_792);
    }

    @Test
    void byModelUserDay_groupKeys() {
        assertThat(TraceReport.build(dir, TraceReport.GroupBy.MODEL, TraceQuery.ALL).rows())
                .extracting(TraceReport.Row::group, TraceReport.Row::requests)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpt-4o", 4L),
                        org.assertj.core.groups.Tuple.tuple("claude-haiku", 2L));
        assertThat(TraceReport.build(dir, TraceReport.GroupBy.USER, TraceQuery.ALL).rows())
                .extracting(TraceReport.Row::group).containsExactlyInAnyOrder("alice", "bob", "carol");
        assertThat(TraceReport.build(dir, TraceReport.GroupBy.DAY, TraceQuery.ALL).rows())
                .extracting(TraceReport.Row::group, TraceReport.Row::requests)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-27", 3L),
                        org.assertj.core.groups.Tuple.tuple("2026-11-28", 3L));
    }

    @Test
    void text_hasHeaderRowsAndTotalWithExactCost() throws Exception {
        StringBuilder out = new StringBuilder();
        TraceReport.run(dir, TraceReport.GroupBy.TEAM, TraceQuery.builder().where("team=payments").build(),
                TraceReport.Format.TEXT, out);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("Trace report by team (3 requests, 2026-11-27T10:00:00Z ..");
        assertThat(lines.get(1)).startsWith("TEAM").contains("REQUESTS", "COST_USD", "P99_MS");
        assertThat(lines.get(2)).startsWith("payments").contains(" 3 ", "0.124456789");
        assertThat(lines.get(3)).startsWith("TOTAL");
        assertThat(lines).hasSize(4);
    }

    @Test
    void html_isSelfContainedWithSvgChartsAndEscapedLabels() throws Exception {
        StringBuilder out = new StringBuilder();
        TraceReport.run(dir, TraceReport.GroupBy.MODEL, TraceQuery.ALL, TraceReport.Format.HTML, out);
        String html = out.toString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "<rect", "Cost by model", "gpt-4o",
                "default-src 'none'");
        assertThat(html).doesNotContain("<script", "http://", "https://", "src=");
        assertThat(html.split("<svg", -1)).hasSize(5); // four charts
        assertThat(HtmlReport.escape("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    @Test
    void emptyLog_rendersWithoutRows() throws Exception {
        TraceReport report = TraceReport.of(TraceReport.GroupBy.DAY);
        StringBuilder out = new StringBuilder();
        report.render(TraceReport.Format.TEXT, out);
        assertThat(out.toString()).contains("no records").contains("TOTAL");
        assertThat(report.total().latencyP99Nanos()).isZero();
    }

    @Test
    void groupingByAnUntracedAttribute_saysHowToTraceIt() throws Exception {
        TraceReport report = TraceReport.of(TraceReport.GroupBy.USER);
        io.llmpolicy.trace.TraceRecord r = io.llmpolicy.trace.TraceRecord.builder().requestId("x").action("allow")
                .startTimeUnixNano(1).endTimeUnixNano(2).build();
        report.add(new io.llmpolicy.trace.TraceEntry(0, "00", 0, "c", r));
        StringBuilder text = new StringBuilder();
        report.render(TraceReport.Format.TEXT, text);
        assertThat(text.toString()).contains("note: no record has a user").contains("trace { include request.user }");
        StringBuilder html = new StringBuilder();
        report.render(TraceReport.Format.HTML, html);
        assertThat(html.toString()).contains("<p>Note: no record has a user");
        // grouped data that has the attribute gets no note
        StringBuilder byTeam = new StringBuilder();
        TraceReport.build(dir, TraceReport.GroupBy.TEAM, TraceQuery.ALL).render(TraceReport.Format.TEXT, byTeam);
        assertThat(byTeam.toString()).doesNotContain("note:");
    }
}
