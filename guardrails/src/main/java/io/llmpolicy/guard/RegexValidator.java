package io.llmpolicy.guard;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * Checks that a policy regex can run in linear time: guardrail regexes run on re2j (RE2 semantics), which has no
 * backtracking, so constructs that need it are rejected with a clear message and the offset where they start:
 * backreferences ({@code \1}, {@code \k<name>}), lookahead and lookbehind ({@code (?=}, {@code (?!}, {@code (?<=},
 * {@code (?<!}), atomic groups ({@code (?>}), possessive quantifiers ({@code a*+}), conditionals and recursion.
 * Patterns that match the empty string are rejected too (every position would be a finding).
 *
 * <p>Stateless and thread-safe. The language checker calls {@link #validate(String)} to report problems at policy
 * check time; {@link GuardrailSet.Builder#regex} calls it again when building.
 */
public final class RegexValidator {
    private RegexValidator() {}

    /** Empty when the pattern is usable; otherwise what is wrong and where (offset into the pattern). */
    public static Optional<Problem> validate(String pattern) {
        if (pattern == null) return Optional.of(new Problem("regex is missing", 0));
        if (pattern.isEmpty()) return Optional.of(new Problem("regex is empty", 0));
        Optional<Problem> unsupported = unsupported(pattern);
        if (unsupported.isPresent()) return unsupported;
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            int at = e.getIndex() >= 0 ? e.getIndex() : locate(pattern, e.getPattern());
            return Optional.of(new Problem("invalid regex: " + e.getDescription(), Math.max(0, at)));
        }
        if (compiled.matcher("").matches()) {
            return Optional.of(new Problem(
                    "regex matches the empty string, so every position would be a finding; require at least one "
                            + "character (for example use + instead of *)", 0));
        }
        return Optional.empty();
    }

    private static Optional<Problem> unsupported(String p) {
        boolean inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) return Optional.of(new Problem("regex ends with a lone backslash", i));
                char n = p.charAt(i + 1);
                if (!inClass && n >= '1' && n <= '9') {
                    return problem("backreference \\" + n + " needs backtracking; match the text explicitly instead", i);
                }
                if (!inClass && (n == 'k' || n == 'g') && i + 2 < p.length()
                        && "<{'".indexOf(p.charAt(i + 2)) >= 0) {
                    return problem("named backreference \\" + n + " needs backtracking", i);
                }
                if ((n == 'p' || n == 'P' || n == 'x') && i + 2 < p.length() && p.charAt(i + 2) == '{') {
                    int close = p.indexOf('}', i + 3);
                    i = close < 0 ? p.length() : close;
                    continue;
                }
                if (n == 'Q') {
                    int e = p.indexOf("\\E", i + 2);
                    i = e < 0 ? p.length() : e + 1;
                    continue;
                }
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') inClass = false;
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (i + 1 < p.length() && p.charAt(i + 1) == '^') i++;
                if (i + 1 < p.length() && p.charAt(i + 1) == ']') i++;
                continue;
            }
            if (c == '(' && i + 1 < p.length() && p.charAt(i + 1) == '?') {
                String rest = p.substring(i + 2, Math.min(p.length(), i + 5));
                if (rest.startsWith("=")) return problem("lookahead (?= needs backtracking", i);
                if (rest.startsWith("!")) return problem("negative lookahead (?! needs backtracking", i);
                if (rest.startsWith("<=")) return problem("lookbehind (?<= needs backtracking", i);
                if (rest.startsWith("<!")) return problem("negative lookbehind (?<! needs backtracking", i);
                if (rest.startsWith(">")) return problem("atomic group (?> is not supported by linear-time regex", i);
                if (rest.startsWith("(")) return problem("conditional (?( needs backtracking", i);
                if (rest.startsWith("R") || (!rest.isEmpty() && Character.isDigit(rest.charAt(0)))) {
                    return problem("recursion is not supported by linear-time regex", i);
                }
            }
            if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < p.length() && p.charAt(i + 1) == '+'
                    && i > 0 && p.charAt(i - 1) != '\\') {
                return problem("possessive quantifier " + c + "+ is not supported by linear-time regex; drop the +",
                        i + 1);
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(String message, int offset) {
        return Optional.of(new Problem(message, offset));
    }

    /** re2j reports the offending fragment rather than an index; find it in the pattern. */
    private static int locate(String pattern, String fragment) {
        if (fragment == null || fragment.isEmpty()) return 0;
        int at = pattern.indexOf(fragment);
        return Math.max(at, 0);
    }
}
