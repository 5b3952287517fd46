package io.llmpolicy.trace.query;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The HTML form of a {@link TraceReport}: one self-contained page, a table plus horizontal bar charts drawn as
 * inline SVG. A Content-Security-Policy meta tag forbids scripts and every external fetch, so the file can be
 * opened or mailed anywhere without reaching the network. Not thread-safe (renders once).
 */
final class HtmlReport {

    private static final int BAR_AREA = 420;
    private static final int LABEL_WIDTH = 180;
    private static final int ROW_HEIGHT = 22;

    private final TraceReport report;

    HtmlReport(TraceReport report) {
        this.report = report;
    }

    void render(Appendable out) throws IOException {
        List<TraceReport.Row> rows = report.rows();
        String groupName = report.groupBy().name().toLowerCase(Locale.ROOT);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<title>").append(escape(report.title())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse}th,td{padding:4px 10px;border-bottom:1px solid #ddd}")
                .append("td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append("tr.total td{font-weight:bold;border-top:2px solid #888}")
                .append("svg text{font-size:12px;font-family:system-ui,sans-serif}\n</style></head><body>\n")
                .append("<h1>").append(escape(report.title())).append("</h1>\n");
        if (report.note() != null) {
            out.append("<p>Note: ").append(escape(report.note())).append("</p>\n");
        }
        out.append("<table>\n<tr>");
        String[] header = {groupName, "requests", "denied", "errors", "input tokens", "output tokens", "cost (USD)",
                "p50 ms", "p90 ms", "p99 ms", "max ms"};
        for (int i = 0; i < header.length; i++) {
            out.append(i == 0 ? "<th>" : "<th class=\"n\">").append(escape(header[i])).append("</th>");
        }
        out.append("</tr>\n");
        for (TraceReport.Row r : rows) {
            row(out, r, "");
        }
        row(out, report.total(), " class=\"total\"");
        out.append("</table>\n");
        chart(out, "Cost by " + groupName + " (USD)", rows, TraceReport.Row::costNanoUsd,
                v -> Money.usd(v), "#3b7dd8");
        chart(out, "Requests by " + groupName, rows, TraceReport.Row::requests, Long::toString, "#4a9d5b");
        chart(out, "Tokens by " + groupName + " (input + output)", rows,
                r -> r.inputTokens() + r.outputTokens(), Long::toString, "#8a5cc2");
        chart(out, "p99 latency by " + groupName + " (ms)", rows, TraceReport.Row::latencyP99Nanos,
                TraceReport::millis, "#d8743b");
        out.append("</body></html>\n");
    }

    private static void row(Appendable out, TraceReport.Row r, String attributes) throws IOException {
        out.append("<tr").append(attributes).append('>');
        String[] cells = TraceReport.cells(r);
        for (int i = 0; i < cells.length; i++) {
            out.append(i == 0 ? "<td>" : "<td class=\"n\">").append(escape(cells[i])).append("</td>");
        }
        out.append("</tr>\n");
    }

    private static void chart(Appendable out, String title, List<TraceReport.Row> rows, ToLongFunction<TraceReport.Row> value,
                              java.util.function.LongFunction<String> label, String colour) throws IOException {
        long max = 1;
        for (TraceReport.Row r : rows) {
            max = Math.max(max, value.applyAsLong(r));
        }
        int height = Math.max(1, rows.size()) * ROW_HEIGHT + 8;
        int width = LABEL_WIDTH + BAR_AREA + 140;
        out.append("<h2>").append(escape(title)).append("</h2>\n")
                .append("<svg role=\"img\" width=\"").append(Integer.toString(width))
                .append("\" height=\"").append(Integer.toString(height)).append("\" viewBox=\"0 0 ")
                .append(Integer.toString(width)).append(' ').append(Integer.toString(height)).append("\">")
                .append("<title>").append(escape(title)).append("</title>\n");
        int y = 4;
        for (TraceReport.Row r : rows) {
            long v = value.applyAsLong(r);
            int bar = (int) Math.round((double) Math.max(0, v) / max * BAR_AREA);
            out.append("<text x=\"").append(Integer.toString(LABEL_WIDTH - 6)).append("\" y=\"")
                    .append(Integer.toString(y + 15)).append("\" text-anchor=\"end\">")
                    .append(escape(shorten(r.group()))).append("</text>")
                    .append("<rect x=\"").append(Integer.toString(LABEL_WIDTH)).append("\" y=\"")
                    .append(Integer.toString(y + 2)).append("\" width=\"").append(Integer.toString(bar))
                    .append("\" height=\"").append(Integer.toString(ROW_HEIGHT - 6)).append("\" fill=\"")
                    .append(colour).append("\"/>")
                    .append("<text x=\"").append(Integer.toString(LABEL_WIDTH + bar + 6)).append("\" y=\"")
                    .append(Integer.toString(y + 15)).append("\">").append(escape(label.apply(v))).append("</text>\n");
            y += ROW_HEIGHT;
        }
        out.append("</svg>\n");
    }

    private static String shorten(String s) {
        return s.length() <= 28 ? s : s.substring(0, 27) + "\u2026";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
