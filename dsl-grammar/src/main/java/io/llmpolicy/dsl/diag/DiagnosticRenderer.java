package io.llmpolicy.dsl.diag;

import io.llmpolicy.dsl.source.Source;
import java.util.Map;

/**
 * Renders diagnostics the way a person reads them:
 * <pre>
 * FILE:LINE:COL: error[CODE]: MESSAGE
 *   the source line
 *   ^^^^ under the span
 * help: a suggestion
 * </pre>
 * Tabs in the source line are repeated in the caret line and wide (East Asian) characters take two carets' room,
 * so the carets stand under the span in a terminal.
 */
public final class DiagnosticRenderer {
    private final Map<String, Source> sources;

    /** @param sources the files diagnostics may point into, by {@link Source#name()} */
    public DiagnosticRenderer(Map<String, Source> sources) {
        this.sources = sources;
    }

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        out.append(d.span().position()).append(": ").append(d.severity().label())
                .append('[').append(d.code().name()).append("]: ").append(d.message()).append('\n');
        Source source = sources.get(d.span().file());
        if (source != null && d.span().line() <= source.lineCount()) {
            String line = source.line(d.span().line());
            out.append(line).append('\n');
            out.append(caretLine(line, d.span().column(), d.span().endLine() == d.span().line()
                    ? d.span().endColumn() : line.codePointCount(0, line.length()) + 1)).append('\n');
        }
        if (d.help() != null) out.append("help: ").append(d.help()).append('\n');
        return out.toString();
    }

    static String caretLine(String line, int column, int endColumn) {
        int[] cps = line.codePoints().toArray();
        StringBuilder caret = new StringBuilder();
        int col = 1;
        for (; col < column && col - 1 < cps.length; col++) {
            int cp = cps[col - 1];
            caret.append(cp == '\t' ? "\t" : " ".repeat(width(cp)));
        }
        for (int i = col; i < col + (column - col); i++) caret.append(' '); // span starts past the line end
        int carets = 0;
        for (int c = column; c < Math.max(endColumn, column + 1); c++) {
            int cp = c - 1 < cps.length ? cps[c - 1] : ' ';
            carets += width(cp);
        }
        caret.append("^".repeat(Math.max(1, carets)));
        return caret.toString();
    }

    private static int width(int cp) {
        return isWide(cp) ? 2 : 1;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
