package io.llmpolicy.eval.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The terminal form: aligned plain-text tables, one row per eval and assertion, then the comparison and a verdict
 * line. Column widths count code points.
 */
final class TextReport {

    private TextReport() {
    }

    static String render(EvalReport report, Comparison comparison) {
        StringBuilder out = new StringBuilder();
        out.append("Eval report: dataset ").append(report.dataset()).append(", ").append(report.records())
                .append(" records\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"eval", "assertion", "n", "pass", "rate", "95% CI", "mean", "p50", "p95", "min", "max"});
        for (EvalSummary e : report.evals()) {
            rows.add(new String[] {e.eval(), "(all assertions)", Long.toString(e.n()), Long.toString(e.passed()),
                    Cells.percent(e.passRate()), Cells.interval(e.passRate95()), "", "", "", "", ""});
            for (AssertionSummary a : e.assertions()) {
                ScoreSummary s = a.scores();
                rows.add(new String[] {e.eval(), a.assertion(), Long.toString(a.n()), Long.toString(a.passed()),
                        Cells.percent(a.passRate()), Cells.interval(a.passRate95()), Cells.score(s.mean()),
                        Cells.score(s.p50()), Cells.score(s.p95()), Cells.score(s.min()), Cells.score(s.max())});
            }
        }
        table(out, rows, 2);
        if (comparison != null) {
            out.append("\nCompared with baseline ").append(comparison.baselineDataset()).append(":\n\n");
            List<String[]> cmp = new ArrayList<>();
            cmp.add(new String[] {"eval", "assertion", "base rate", "rate", "delta pts", "test", "p", "base mean",
                    "mean", "delta mean", "p(mean)", "verdict"});
            for (AssertionComparison r : comparison.rows()) {
                cmp.add(new String[] {r.eval(), r.assertion(),
                        r.baseline() == null ? "-" : Cells.percent(r.baseline().passRate()),
                        r.current() == null ? "-" : Cells.percent(r.current().passRate()),
                        Cells.signedPoints(r.passRateDelta()), r.passRateTest().method().label(),
                        Cells.pValue(r.passRateTest()),
                        r.baseline() == null ? "-" : Cells.score(r.baseline().scores().mean()),
                        r.current() == null ? "-" : Cells.score(r.current().scores().mean()),
                        Cells.signedScore(r.meanScoreDelta()), Cells.pValue(r.scoreTest()), Cells.verdict(r)});
            }
            table(out, cmp, 2);
            out.append('\n');
            long regressions = comparison.rows().stream().filter(AssertionComparison::regressed).count();
            if (regressions == 0) {
                out.append("No regression.\n");
            } else {
                out.append(regressions).append(regressions == 1 ? " regression:\n" : " regressions:\n");
                for (AssertionComparison r : comparison.rows()) {
                    if (r.regressed()) {
                        out.append("  ").append(r.eval()).append(" / ").append(r.assertion()).append(": ")
                                .append(r.reason()).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /** Left-aligns text columns (the first two) and right-aligns the rest. */
    private static void table(StringBuilder out, List<String[]> rows, int textColumns) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], length(row[c]));
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) line.append("  ");
                int pad = width[c] - length(row[c]);
                if (c < textColumns) line.append(row[c]).append(" ".repeat(pad));
                else line.append(" ".repeat(pad)).append(row[c]);
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = 0;
                for (int c = 0; c < columns; c++) total += width[c] + (c > 0 ? 2 : 0);
                out.append("-".repeat(total)).append('\n');
            }
        }
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
