package io.llmpolicy.engine.tokens;

/**
 * {@code cl100k_base} (GPT-4, GPT-3.5-turbo) without a regular expression: tiktoken's pre-tokenization pattern
 * below by hand — each method names the alternative it stands for. Thread-safe.
 * <pre>
 *   1  '(?i:[sdmt]|ll|ve|re)
 *   2  [^\r\n\p{L}\p{N}]?+\p{L}+
 *   3  \p{N}{1,3}
 *   4   ?[^\s\p{L}\p{N}]++[\r\n]*
 *   5  \s*[\r\n]
 *   6  \s+(?!\S)
 *   7  \s+
 * </pre>
 */
final class Cl100kCounter extends BpeCounter {

    private Cl100kCounter() {
        super("cl100k_base.tiktoken");
    }

    static Cl100kCounter load() {
        return new Cl100kCounter();
    }

    @Override
    int nextPieceEnd(int[] cp, int n, int p) {
        int end = contraction(cp, n, p);
        if (end < 0) end = letters(cp, n, p);
        if (end < 0) end = digits(cp, n, p);
        if (end < 0) end = symbols(cp, n, p);
        if (end < 0) end = spaces(cp, n, p);
        return end < 0 ? p + 1 : end; // every code point matches some alternative; the fallback is defensive
    }

    /** Alternative 1: {@code '(?i:[sdmt]|ll|ve|re)}, the alternatives in that order. */
    private static int contraction(int[] cp, int n, int p) {
        if (cp[p] != '\'' || p + 1 >= n) {
            return -1;
        }
        int c = cp[p + 1];
        if (sameIgnoringCase(c, 's') || sameIgnoringCase(c, 'd') || sameIgnoringCase(c, 'm') || sameIgnoringCase(c, 't')) {
            return p + 2;
        }
        if (p + 2 < n && (sameIgnoringCase(c, 'l') && sameIgnoringCase(cp[p + 2], 'l')
                || sameIgnoringCase(c, 'v') && sameIgnoringCase(cp[p + 2], 'e')
                || sameIgnoringCase(c, 'r') && sameIgnoringCase(cp[p + 2], 'e'))) {
            return p + 3;
        }
        return -1;
    }

    /** Alternative 2: {@code [^\r\n\p{L}\p{N}]?+\p{L}+} — the prefix, when there is one, is never given back. */
    private static int letters(int[] cp, int n, int p) {
        int q = p;
        if (!isCrLf(cp[p]) && !isLetter(cp[p]) && !isNumber(cp[p])) {
            q = p + 1;
        }
        int e = q;
        while (e < n && isLetter(cp[e])) {
            e++;
        }
        return e > q ? e : -1;
    }

    /** Alternative 3: {@code \p{N}{1,3}}. */
    private static int digits(int[] cp, int n, int p) {
        int e = p;
        while (e < n && e - p < 3 && isNumber(cp[e])) {
            e++;
        }
        return e > p ? e : -1;
    }

    /** Alternative 4: {@code " ?[^\s\p{L}\p{N}]++[\r\n]*"}, the optional space tried taken first. */
    private static int symbols(int[] cp, int n, int p) {
        for (int taken = 1; taken >= 0; taken--) {
            int q = p;
            if (taken == 1) {
                if (cp[p] != ' ') {
                    continue;
                }
                q = p + 1;
            }
            int e = q;
            while (e < n && !isSpace(cp[e]) && !isLetter(cp[e]) && !isNumber(cp[e])) {
                e++;
            }
            if (e == q) {
                continue;
            }
            while (e < n && isCrLf(cp[e])) {
                e++;
            }
            return e;
        }
        return -1;
    }

    /** Alternatives 5 ({@code \s*[\r\n]}), 6 ({@code \s+(?!\S)}) and 7 ({@code \s+}). */
    private static int spaces(int[] cp, int n, int p) {
        int run = 0;
        int lastNewline = -1;
        while (p + run < n && isSpace(cp[p + run])) {
            if (isCrLf(cp[p + run])) {
                lastNewline = p + run;
            }
            run++;
        }
        if (run == 0) {
            return -1;
        }
        if (lastNewline >= 0) {
            return lastNewline + 1; // 5: \s* gives back until [\r\n] can match the last newline of the run
        }
        int end = p + run;
        if (end == n || run == 1) {
            return end; // 6 at the end of the text, or 7 for a single space before a non-space
        }
        return end - 1; // 6: the last space is left to begin the next piece
    }
}
