package io.llmpolicy.eval.report;

import io.llmpolicy.eval.stats.Interval;
import io.llmpolicy.eval.stats.TestResult;
import java.util.Locale;

/** Number formatting shared by the text and HTML reports. */
final class Cells {

    private Cells() {
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String signedPoints(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%+.1f", fraction * 100);
    }

    static String interval(Interval i) {
        return Double.isNaN(i.lower()) ? "-"
                : String.format(Locale.ROOT, "[%.1f, %.1f]", i.lower() * 100, i.upper() * 100);
    }

    static String score(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.3f", d);
    }

    static String signedScore(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%+.3f", d);
    }

    static String pValue(TestResult t) {
        if (Double.isNaN(t.pValue())) return "-";
        return t.pValue() < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", t.pValue());
    }

    static String verdict(AssertionComparison r) {
        return switch (r.status()) {
            case NEW -> "new";
            case REMOVED -> "removed";
            case COMPARED -> r.regressed() ? "REGRESSED" : "ok";
        };
    }
}
