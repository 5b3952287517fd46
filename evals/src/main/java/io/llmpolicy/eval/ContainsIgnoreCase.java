package io.llmpolicy.eval;

import java.util.Locale;
import java.util.Objects;

/**
 * Passes when the answer contains {@code needle} ignoring case: both sides are lower-cased with
 * {@link String#toLowerCase(Locale) toLowerCase(Locale.ROOT)} (Unicode simple and special lower-casing, no locale
 * rules such as Turkish dotless i) before the substring test.
 */
public final class ContainsIgnoreCase implements Assertion {

    private final String needle;
    private final String lowerNeedle;

    public ContainsIgnoreCase(String needle) {
        this.needle = Objects.requireNonNull(needle, "needle");
        this.lowerNeedle = needle.toLowerCase(Locale.ROOT);
    }

    public String needle() {
        return needle;
    }

    @Override
    public String kind() {
        return "icontains";
    }

    @Override
    public String describe() {
        return "icontains " + Texts.quote(needle);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        boolean found = input.output().toLowerCase(Locale.ROOT).contains(lowerNeedle);
        return AssertionResult.check(found,
                (found ? "output contains " : "output does not contain ") + Texts.quote(needle) + " (ignoring case)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContainsIgnoreCase other && other.needle.equals(needle);
    }

    @Override
    public int hashCode() {
        return needle.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
