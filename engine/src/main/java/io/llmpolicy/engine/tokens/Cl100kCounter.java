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
        if (end < 0) end = symbols(cp, n, p, false);
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
}
