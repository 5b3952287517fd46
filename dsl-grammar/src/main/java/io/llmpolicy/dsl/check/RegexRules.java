package io.llmpolicy.dsl.check;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Policy regexes run on every prompt, so only linear-time (RE2) syntax is accepted. Constructs that need a
 * backtracking engine get their own diagnostic (E402) with the reason, instead of RE2's terse parse error.
 */
public final class RegexRules {
    private RegexRules() {}

    public record Problem(boolean needsBacktracking, String message, int offset) {}

    /** Allowed flags: i (case-insensitive), m (multi-line), s (dot matches newline). */
    public static final String FLAGS = "ims";

    /** @return the problem with the pattern, or null when it compiles in RE2 syntax */
    public static Problem check(String pattern, String flags) {
        for (int i = 0; i < flags.length(); i++) {
            if (FLAGS.indexOf(flags.charAt(i)) < 0) {
                return new Problem(false, "unknown regex flag '" + flags.charAt(i) + "' (allowed: i, m, s)", -1);
            }
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                char n = pattern.charAt(i + 1);
                if (n >= '1' && n <= '9') return new Problem(true, "backreference \\" + n + " needs backtracking", i);
                if (n == 'k' && i + 2 < pattern.length() && pattern.charAt(i + 2) == '<') {
                    return new Problem(true, "named backreference needs backtracking", i);
                }
                i++;
            } else if (c == '(' && (pattern.startsWith("(?=", i) || pattern.startsWith("(?!", i)
                    || pattern.startsWith("(?<=", i) || pattern.startsWith("(?<!", i))) {
                return new Problem(true, "lookaround needs backtracking", i);
            } else if ((c == '+' || c == '*' || c == '?' || c == '}') && i + 1 < pattern.length() && pattern.charAt(i + 1) == '+') {
                return new Problem(true, "possessive quantifier needs backtracking", i + 1);
            } else if (c == '(' && pattern.startsWith("(?>", i)) {
                return new Problem(true, "atomic group needs backtracking", i);
            }
        }
        try {
            Pattern.compile(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            return new Problem(false, e.getDescription() + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " in '" + e.getPattern() + "'"), Math.max(-1, e.getIndex()));
        }
    }

    /** RE2J compile flags for the policy flags string. */
    public static int re2Flags(String flags) {
        int f = 0;
        if (flags.indexOf('i') >= 0) f |= Pattern.CASE_INSENSITIVE;
        if (flags.indexOf('m') >= 0) f |= Pattern.MULTILINE;
        if (flags.indexOf('s') >= 0) f |= Pattern.DOTALL;
        return f;
    }
}
