package io.llmpolicy.engine.tokens;

/**
 * {@code o200k_base} (GPT-4o and newer) without a regular expression: the pre-tokenization pattern below, as
 * {@code java.util.regex} runs it with {@code UNICODE_CHARACTER_CLASS} (jtokkit's flags), by hand — each method
 * names the alternative it stands for. Thread-safe.
 * <pre>
 *   1  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 *   2  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 *   3  \p{N}{1,3}
 *   4   ?[^\s\p{L}\p{N}]+[\r\n/]*
 *   5  \s*[\r\n]+
 *   6  \s+(?!\S)
 *   7  \s+
 * </pre>
 */
final class O200kCounter extends BpeCounter {

    private O200kCounter() {
        super("o200k_base.tiktoken");
    }

    static O200kCounter load() {
        return new O200kCounter();
    }

    /** Where the piece that starts at {@code p} ends: the first alternative of the pattern that matches there. */
    @Override
    int nextPieceEnd(int[] cp, int n, int p) {
        int end = letters(cp, n, p, true);
        if (end < 0) end = letters(cp, n, p, false);
        if (end < 0) end = digits(cp, n, p);
        if (end < 0) end = symbols(cp, n, p, true);
        if (end < 0) end = spaces(cp, n, p);
        return end < 0 ? p + 1 : end; // every code point matches some alternative; the fallback is defensive
    }

    /**
     * Alternatives 1 ({@code lowerFirst}: {@code prefix? U* L+ contraction?}) and 2 ({@code prefix? U+ L*
     * contraction?}), where U = [Lu Lt Lm Lo M] and L = [Ll Lm Lo M]. The optional prefix is tried taken first.
     */
    private static int letters(int[] cp, int n, int p, boolean lowerFirst) {
        for (int taken = 1; taken >= 0; taken--) {
            int q = p;
            if (taken == 1) {
                if (p >= n || isCrLf(cp[p]) || isLetter(cp[p]) || isNumber(cp[p])) {
                    continue;
                }
                q = p + 1;
            }
            int upper = 0;
            while (q + upper < n && isUpperClass(cp[q + upper])) {
                upper++;
            }
            if (lowerFirst) {
                // U* gives back one code point at a time until L+ can start
                for (int k = upper; k >= 0; k--) {
                    if (q + k < n && isLowerClass(cp[q + k])) {
                        int e = q + k;
                        while (e < n && isLowerClass(cp[e])) {
                            e++;
                        }
                        return contraction(cp, n, e);
                    }
                }
            } else if (upper > 0) {
                int e = q + upper;
                while (e < n && isLowerClass(cp[e])) {
                    e++;
                }
                return contraction(cp, n, e);
            }
        }
        return -1;
    }

    private static final int[][] CONTRACTIONS = {{'s'}, {'t'}, {'r', 'e'}, {'v', 'e'}, {'m'}, {'l', 'l'}, {'d'}};

    /** {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)?} at {@code e}: the first alternative that matches, else nothing. */
    private static int contraction(int[] cp, int n, int e) {
        if (e >= n || cp[e] != '\'') {
            return e;
        }
        outer:
        for (int[] c : CONTRACTIONS) {
            if (e + c.length >= n) {
                continue;
            }
            for (int i = 0; i < c.length; i++) {
                if (!sameIgnoringCase(cp[e + 1 + i], c[i])) {
                    continue outer;
                }
            }
            return e + 1 + c.length;
        }
        return e;
    }
}
