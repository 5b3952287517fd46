package io.llmpolicy.eval.report;

import io.llmpolicy.eval.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTML form: one self-contained page (inline CSS and SVG; no scripts, fonts, images or links to fetch), so it
 * can be attached to a CI run and opened offline. It shows a verdict banner, a bar chart of pass rates (baseline vs
 * current, with Wilson 95% whiskers), the result and comparison tables, one score histogram per assertion
 * (baseline vs current, as shares of scored records) and the first failing records.
 */
final class HtmlReport {

    private static final String CURRENT = "#2f6fb3";
    private static final String BASELINE = "#a3a3a3";
    private static final String REGRESSED = "#c0392b";

    private HtmlReport() {
    }

    /** A row of the charts: one assertion, current and (maybe) baseline. */
    private record Row(String eval, AssertionSummary current, AssertionSummary baseline, boolean regressed) {
        String label() {
            return eval + " / " + current.assertion();
        }
    }

    static String render(EvalReport report, Comparison comparison) {
        List<Row> rows = rows(report, comparison);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Eval report: ").append(esc(report.dataset())).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#222;max-width:1200px}\n")
                .append("table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}\n")
                .append("th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:right;white-space:nowrap}\n")
                .append("td:nth-child(2){white-space:normal}\n")
                .append("th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}\n")
                .append("th{background:#f4f4f4}\n")
                .append(".banner{padding:.7rem 1rem;border-radius:4px;font-weight:600}\n")
                .append(".ok{background:#e3f4e1;color:#1e5e1a}.bad{background:#fbe3e0;color:#8a1f12}\n")
                .append(".regressed{color:").append(REGRESSED).append(";font-weight:600}\n")
                .append(".hist{display:inline-block;margin:0 1rem 1rem 0;vertical-align:top}\n")
                .append(".hist p{margin:.2rem 0;font-size:.8rem;max-width:280px;overflow-wrap:anywhere}\n")
                .append("svg text{font-size:11px;fill:#333}\n")
                .append("code{font-size:.85rem}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Eval report</h1>\n<p>Dataset <code>").append(esc(report.dataset())).append("</code>, ")
                .append(report.records()).append(" records");
        if (comparison != null) {
            h.append("; baseline <code>").append(esc(comparison.baselineDataset())).append("</code>");
        }
        h.append(".</p>\n");
        if (comparison != null) {
            long n = comparison.rows().stream().filter(AssertionComparison::regressed).count();
            h.append("<p class=\"banner ").append(n == 0 ? "ok\">No regression against the baseline."
                    : "bad\">" + n + (n == 1 ? " regression" : " regressions") + " against the baseline.")
                    .append("</p>\n");
        }
        h.append("<h2>Pass rates</h2>\n");
        passRateChart(h, rows, comparison != null);
        h.append("<h2>Results</h2>\n");
        resultsTable(h, report);
        if (comparison != null) {
            h.append("<h2>Comparison with the baseline</h2>\n");
            comparisonTable(h, comparison);
        }
        h.append("<h2>Score distributions</h2>\n<div>\n");
        for (Row r : rows) histogram(h, r);
        h.append("</div>\n");
        failures(h, report);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static List<Row> rows(EvalReport report, Comparison comparison) {
        List<Row> rows = new ArrayList<>();
        for (EvalSummary e : report.evals()) {
            for (AssertionSummary a : e.assertions()) {
                AssertionSummary base = null;
                boolean regressed = false;
                if (comparison != null) {
                    for (AssertionComparison c : comparison.rows()) {
                        if (c.eval().equals(e.eval()) && c.assertion().equals(a.assertion())) {
                            base = c.baseline();
                            regressed = c.regressed();
                        }
                    }
                }
                rows.add(new Row(e.eval(), a, base, regressed));
            }
        }
        return rows;
    }

    /** Horizontal bars, one group per assertion: baseline above current, with whiskers for the 95% interval. */
    private static void passRateChart(StringBuilder h, List<Row> rows, boolean withBaseline) {
        int labelWidth = 300;
        int plotWidth = 420;
        int valueWidth = 70;
        int rowHeight = withBaseline ? 38 : 24;
        int top = 24;
        int height = top + rows.size() * rowHeight + 10;
        int width = labelWidth + plotWidth + valueWidth;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"Pass rate by assertion\">\n");
        for (int pct = 0; pct <= 100; pct += 25) {
            double x = labelWidth + plotWidth * pct / 100.0;
            h.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(top - 6).append("\" x2=\"")
                    .append(fmt(x)).append("\" y2=\"").append(height - 10).append("\" stroke=\"#e2e2e2\"/>\n");
            h.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(top - 10)
                    .append("\" text-anchor=\"middle\">").append(pct).append("%</text>\n");
        }
        int y = top;
        for (Row r : rows) {
            h.append("<g><title>").append(esc(r.label())).append("</title>\n");
            h.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + rowHeight / 2 + 4)
                    .append("\" text-anchor=\"end\">").append(esc(shorten(r.label(), 46))).append("</text>\n");
            int barY = y + 4;
            if (withBaseline) {
                if (r.baseline() != null) bar(h, labelWidth, plotWidth, barY, r.baseline(), BASELINE, "baseline");
                barY += 15;
            }
            bar(h, labelWidth, plotWidth, barY, r.current(), r.regressed() ? REGRESSED : CURRENT, "current");
            h.append("</g>\n");
            y += rowHeight;
        }
        h.append("</svg>\n");
        if (withBaseline) {
            h.append("<p><svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"").append(BASELINE)
                    .append("\"/></svg> baseline &nbsp; <svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"")
                    .append(CURRENT).append("\"/></svg> current &nbsp; <svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"")
                    .append(REGRESSED).append("\"/></svg> current, regressed</p>\n");
        }
    }

    private static void bar(StringBuilder h, int x0, int plotWidth, int y, AssertionSummary a, String color,
                            String what) {
        double rate = Double.isNaN(a.passRate()) ? 0 : a.passRate();
        h.append("<rect x=\"").append(x0).append("\" y=\"").append(y).append("\" width=\"")
                .append(fmt(plotWidth * rate)).append("\" height=\"12\" fill=\"").append(color).append("\"><title>")
                .append(what).append(": ").append(Cells.percent(a.passRate())).append(" of ").append(a.n())
                .append(", 95% CI ").append(Cells.interval(a.passRate95())).append("</title></rect>\n");
        Interval ci = a.passRate95();
        if (!Double.isNaN(ci.lower())) {
            double lo = x0 + plotWidth * ci.lower();
            double hi = x0 + plotWidth * ci.upper();
            h.append("<path d=\"M").append(fmt(lo)).append(' ').append(y + 6).append("H").append(fmt(hi))
                    .append("M").append(fmt(lo)).append(' ').append(y + 2).append("V").append(y + 10)
                    .append("M").append(fmt(hi)).append(' ').append(y + 2).append("V").append(y + 10)
                    .append("\" stroke=\"#222\" stroke-width=\"1\" fill=\"none\"/>\n");
        }
        h.append("<text x=\"").append(x0 + plotWidth + 6).append("\" y=\"").append(y + 10).append("\">")
                .append(Cells.percent(a.passRate())).append("</text>\n");
    }

    /** Ten buckets over [0, 1]; bar heights are shares of each run's scored records, so runs of any size compare. */
    private static void histogram(StringBuilder h, Row r) {
        int width = 280;
        int height = 120;
        int left = 40;
        int bottom = 20;
        int plotW = width - left - 6;
        int plotH = height - bottom - 8;
        ScoreSummary cur = r.current().scores();
        ScoreSummary base = r.baseline() == null ? null : r.baseline().scores();
        double max = 0;
        for (int k = 0; k < ScoreSummary.BUCKETS; k++) {
            max = Math.max(max, share(cur, k));
            if (base != null) max = Math.max(max, share(base, k));
        }
        if (max == 0) max = 1;
        h.append("<div class=\"hist\"><p>").append(esc(r.label())).append("<br>mean ")
                .append(Cells.score(cur.mean()));
        if (base != null) h.append(" (baseline ").append(Cells.score(base.mean())).append(')');
        h.append(", n=").append(cur.n()).append("</p>\n");
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"Score histogram\">\n");
        h.append("<line x1=\"").append(left).append("\" y1=\"").append(height - bottom).append("\" x2=\"")
                .append(width - 6).append("\" y2=\"").append(height - bottom).append("\" stroke=\"#999\"/>\n");
        double slot = plotW / (double) ScoreSummary.BUCKETS;
        for (int k = 0; k < ScoreSummary.BUCKETS; k++) {
            double x = left + k * slot;
            if (base != null) {
                histBar(h, x + 1, slot / 2 - 1, share(base, k) / max * plotH, height - bottom, BASELINE,
                        "baseline", k, base);
                histBar(h, x + slot / 2, slot / 2 - 1, share(cur, k) / max * plotH, height - bottom,
                        r.regressed() ? REGRESSED : CURRENT, "current", k, cur);
            } else {
                histBar(h, x + 1, slot - 2, share(cur, k) / max * plotH, height - bottom, CURRENT, "current", k, cur);
            }
        }
        for (int k = 0; k <= ScoreSummary.BUCKETS; k += 5) {
            h.append("<text x=\"").append(fmt(left + k * slot)).append("\" y=\"").append(height - 5)
                    .append("\" text-anchor=\"middle\">").append(k == 0 ? "0" : k == 5 ? "0.5" : "1").append("</text>\n");
        }
        h.append("<text x=\"").append(left - 4).append("\" y=\"").append(height - bottom - plotH + 8)
                .append("\" text-anchor=\"end\">").append(Math.round(max * 100)).append("%</text>\n");
        h.append("</svg></div>\n");
    }

    private static void histBar(StringBuilder h, double x, double w, double barH, int baseY, String color, String what,
                                int k, ScoreSummary s) {
        h.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(baseY - barH)).append("\" width=\"")
                .append(fmt(Math.max(0, w))).append("\" height=\"").append(fmt(barH)).append("\" fill=\"")
                .append(color).append("\"><title>").append(what).append(String.format(Locale.ROOT, " [%.1f, %.1f%s: ",
                        k / 10.0, (k + 1) / 10.0, k == ScoreSummary.BUCKETS - 1 ? "]" : ")"))
                .append(s.histogram().get(k)).append("</title></rect>\n");
    }

    private static double share(ScoreSummary s, int k) {
        return s.n() == 0 ? 0 : s.histogram().get(k) / (double) s.n();
    }

    private static void resultsTable(StringBuilder h, EvalReport report) {
        h.append("<table>\n<tr><th>eval</th><th>assertion</th><th>n</th><th>pass</th><th>rate</th>")
                .append("<th>95% CI</th><th>mean</th><th>p50</th><th>p95</th><th>min</th><th>max</th></tr>\n");
        for (EvalSummary e : report.evals()) {
            h.append("<tr><td>").append(esc(e.eval())).append("</td><td><em>all assertions</em></td><td>")
                    .append(e.n()).append("</td><td>").append(e.passed()).append("</td><td>")
                    .append(Cells.percent(e.passRate())).append("</td><td>").append(Cells.interval(e.passRate95()))
                    .append("</td><td></td><td></td><td></td><td></td><td></td></tr>\n");
            for (AssertionSummary a : e.assertions()) {
                ScoreSummary s = a.scores();
                h.append("<tr><td>").append(esc(e.eval())).append("</td><td><code>").append(esc(a.assertion()))
                        .append("</code></td><td>").append(a.n()).append("</td><td>").append(a.passed())
                        .append("</td><td>").append(Cells.percent(a.passRate())).append("</td><td>")
                        .append(Cells.interval(a.passRate95())).append("</td><td>").append(Cells.score(s.mean()))
                        .append("</td><td>").append(Cells.score(s.p50())).append("</td><td>")
                        .append(Cells.score(s.p95())).append("</td><td>").append(Cells.score(s.min()))
                        .append("</td><td>").append(Cells.score(s.max())).append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
    }

    private static void comparisonTable(StringBuilder h, Comparison c) {
        h.append("<table>\n<tr><th>eval</th><th>assertion</th><th>baseline rate</th><th>rate</th>")
                .append("<th>&Delta; points</th><th>test</th><th>p</th><th>baseline mean</th><th>mean</th>")
                .append("<th>&Delta; mean</th><th>p (Welch)</th><th>verdict</th></tr>\n");
        for (AssertionComparison r : c.rows()) {
            h.append("<tr").append(r.regressed() ? " class=\"regressed\"" : "").append("><td>").append(esc(r.eval()))
                    .append("</td><td><code>").append(esc(r.assertion())).append("</code></td><td>")
                    .append(r.baseline() == null ? "-" : Cells.percent(r.baseline().passRate())).append("</td><td>")
                    .append(r.current() == null ? "-" : Cells.percent(r.current().passRate())).append("</td><td>")
                    .append(Cells.signedPoints(r.passRateDelta())).append("</td><td>")
                    .append(r.passRateTest().method().label()).append("</td><td>").append(Cells.pValue(r.passRateTest()))
                    .append("</td><td>").append(r.baseline() == null ? "-" : Cells.score(r.baseline().scores().mean()))
                    .append("</td><td>").append(r.current() == null ? "-" : Cells.score(r.current().scores().mean()))
                    .append("</td><td>").append(Cells.signedScore(r.meanScoreDelta())).append("</td><td>")
                    .append(Cells.pValue(r.scoreTest())).append("</td><td")
                    .append(r.reason().isEmpty() ? "" : " title=\"" + esc(r.reason()) + "\"").append('>')
                    .append(Cells.verdict(r)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void failures(StringBuilder h, EvalReport report) {
        boolean any = report.evals().stream().flatMap(e -> e.assertions().stream()).anyMatch(a -> !a.failures().isEmpty());
        if (!any) return;
        h.append("<h2>Failing records</h2>\n");
        for (EvalSummary e : report.evals()) {
            for (AssertionSummary a : e.assertions()) {
                if (a.failures().isEmpty()) continue;
                h.append("<details><summary>").append(esc(e.eval())).append(" / <code>").append(esc(a.assertion()))
                        .append("</code>: ").append(a.n() - a.passed()).append(" failed</summary>\n<ul>\n");
                for (Failure f : a.failures()) {
                    h.append("<li><code>").append(esc(f.id())).append("</code>: ").append(esc(f.explanation()))
                            .append("</li>\n");
                }
                h.append("</ul></details>\n");
            }
        }
    }

    private static String shorten(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) return s;
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** Escapes text for element content and attribute values. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
