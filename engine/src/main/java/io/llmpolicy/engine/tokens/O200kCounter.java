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

    @Override
    int nextPieceEnd(int[] cp, int n, int p) {
        return pieceEnd(cp, n, p);
    }


    /** Where the piece that starts at {@code p} ends: the first alternative of the pattern that matches there. */
    static int pieceEnd(int[] cp, int n, int p) {
        int end = letters(cp, n, p, true);
        if (end < 0) end = letters(cp, n, p, false);
        if (end < 0) end = digits(cp, n, p);
        if (end < 0) end = symbols(cp, n, p);
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

    /** Alternative 3: {@code \p{N}{1,3}}. */
    private static int digits(int[] cp, int n, int p) {
        int e = p;
        while (e < n && e - p < 3 && isNumber(cp[e])) {
            e++;
        }
        return e > p ? e : -1;
    }

    /** Alternative 4: {@code " ?[^\s\p{L}\p{N}]+[\r\n/]*"}, the optional space tried taken first. */
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
            while (e < n && (cp[e] == '\r' || cp[e] == '\n' || cp[e] == '/')) {
                e++;
            }
            return e;
        }
        return -1;
    }

    /** Alternatives 5 ({@code \s*[\r\n]+}), 6 ({@code \s+(?!\S)}) and 7 ({@code \s+}). */
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
            return lastNewline + 1; // 5: \s* gives back until [\r\n]+ can match the last newline of the run
        }
        int end = p + run;
        if (end == n || run == 1) {
            return end; // 6 at the end of the text (nothing follows), or 7 for a single space before a non-space
        }
        return end - 1; // 6: the last space is left to begin the next piece
    }
}
