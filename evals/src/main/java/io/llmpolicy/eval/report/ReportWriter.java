package io.llmpolicy.eval.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Renders a report, with its comparison when there is a baseline, in one of the {@link ReportFormat}s. Stateless
 * and thread-safe.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    public static void write(EvalReport report, Comparison comparisonOrNull, ReportFormat format, Writer out) {
        try {
            switch (format) {
                case TEXT -> out.write(TextReport.render(report, comparisonOrNull));
                case JSON -> ReportJson.write(report, comparisonOrNull, out);
                case HTML -> out.write(HtmlReport.render(report, comparisonOrNull));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(EvalReport report, Comparison comparisonOrNull, ReportFormat format) {
        StringWriter out = new StringWriter();
        write(report, comparisonOrNull, format, out);
        return out.toString();
    }
}
