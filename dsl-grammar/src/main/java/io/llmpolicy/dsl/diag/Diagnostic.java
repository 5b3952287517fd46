package io.llmpolicy.dsl.diag;

import io.llmpolicy.dsl.source.Span;

/**
 * One problem found in a policy. The front end returns diagnostics as data and never throws them.
 *
 * @param help a suggestion for the fix, or {@code null}
 */
public record Diagnostic(Code code, Severity severity, Span span, String message, String help) {

    public static Diagnostic of(Code code, Span span, String message) {
        return new Diagnostic(code, code.severity(), span, message, null);
    }

    public static Diagnostic of(Code code, Span span, String message, String help) {
        return new Diagnostic(code, code.severity(), span, message, help);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
