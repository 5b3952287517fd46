package io.llmpolicy.eval.report;

import java.util.Locale;

/** Output formats of {@link ReportWriter}, named as on the command line ({@code --format text|json|html}). */
public enum ReportFormat {
    TEXT, JSON, HTML;

    /** Parses {@code text}, {@code json} or {@code html}, ignoring case. */
    public static ReportFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown report format \"" + name + "\"; expected text, json or html", e);
        }
    }
}
