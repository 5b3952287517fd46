package io.llmpolicy.dsl.diag;

import io.llmpolicy.dsl.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics for one run, stopping at a cap so that one broken file cannot flood the output.
 * Not thread-safe: one per compilation.
 */
public final class Diagnostics {
    /** Errors kept before the rest are summarised by one E106 (warnings are not capped). */
    public static final int MAX_ERRORS = 25;

    private final List<Diagnostic> items = new ArrayList<>();
    private int errors;
    private boolean capped;

    public void add(Diagnostic d) {
        if (d.isError()) {
            if (capped) return;
            if (errors == MAX_ERRORS) {
                capped = true;
                items.add(Diagnostic.of(Code.E106, d.span(), "too many errors; stopped after " + MAX_ERRORS,
                        "fix the errors above and run again"));
                return;
            }
            errors++;
        }
        items.add(d);
    }

    public void error(Code code, Span span, String message) { add(Diagnostic.of(code, span, message)); }

    public void error(Code code, Span span, String message, String help) { add(Diagnostic.of(code, span, message, help)); }

    public boolean hasErrors() { return errors > 0 || capped; }

    /** All diagnostics in file and source order. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.span().file())
                .thenComparingInt(d -> d.span().start())
                .thenComparing(d -> d.code() == Code.E106));
        return List.copyOf(copy);
    }
}
