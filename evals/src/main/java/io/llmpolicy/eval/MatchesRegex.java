package io.llmpolicy.eval;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * Passes when the RE2 pattern matches somewhere in the answer ({@code find}, not a whole-string match; anchor with
 * {@code ^...$} for that). RE2 runs in time linear in the text, so a policy-supplied pattern can never backtrack
 * exponentially; RE2 syntax has no backreferences or lookaround. Flags go inline, for example {@code (?i)}.
 */
public final class MatchesRegex implements Assertion {

    private final String regex;
    private final Pattern pattern;

    /** @throws InvalidAssertionException when {@code regex} is not valid RE2 syntax */
    public MatchesRegex(String regex) {
        this.regex = Objects.requireNonNull(regex, "regex");
        try {
            this.pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidAssertionException("invalid regex " + Texts.quote(regex) + ": " + e.getMessage(), e);
        }
    }

    public String regex() {
        return regex;
    }

    @Override
    public String kind() {
        return "regex";
    }

    @Override
    public String describe() {
        return "regex " + Texts.quote(regex);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        Matcher m = pattern.matcher(input.output());
        if (m.find()) {
            return AssertionResult.check(true, "regex " + Texts.quote(regex) + " matches at char offset " + m.start());
        }
        return AssertionResult.check(false, "regex " + Texts.quote(regex) + " does not match");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchesRegex other && other.regex.equals(regex);
    }

    @Override
    public int hashCode() {
        return regex.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
