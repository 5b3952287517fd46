package io.llmpolicy.eval.metric;

/**
 * Levenshtein edit distance: the least number of single-code-point insertions, deletions and substitutions that
 * turn one string into the other (Levenshtein 1966), computed with the Wagner-Fischer dynamic programme
 * (1974) in two rows after stripping the common prefix and suffix. Strings are compared by Unicode code point, so
 * an emoji or other supplementary character counts as one symbol, not two UTF-16 units.
 *
 * <p>Cost is O(m·n) time and O(min(m, n)) memory for the parts that differ. To keep a sampled eval from stalling a
 * thread on two huge texts, a distance whose table would exceed {@link #MAX_CELLS} cells is refused with
 * {@link TooLargeException}.
 */
public final class Levenshtein {

    /** 64 million cells: about 8,000 × 8,000 differing code points, tens of milliseconds. */
    public static final long MAX_CELLS = 64_000_000L;

    private Levenshtein() {
    }

    /** Thrown when the distance table would exceed {@link #MAX_CELLS}. */
    public static final class TooLargeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long cells) {
            super("texts too long for edit distance: " + cells + " table cells > " + MAX_CELLS);
        }
    }

    /** The edit distance between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int start = 0;
        int endX = x.length;
        int endY = y.length;
        while (start < endX && start < endY && x[start] == y[start]) start++;
        while (endX > start && endY > start && x[endX - 1] == y[endY - 1]) {
            endX--;
            endY--;
        }
        int m = endX - start;
        int n = endY - start;
        if (m == 0) return n;
        if (n == 0) return m;
        if ((long) m * n > MAX_CELLS) throw new TooLargeException((long) m * n);
        if (m < n) { // keep the row over the shorter string
            int[] t = x;
            x = y;
            y = t;
            int tm = m;
            m = n;
            n = tm;
        }
        int[] prev = new int[n + 1];
        int[] cur = new int[n + 1];
        for (int j = 0; j <= n; j++) prev[j] = j;
        for (int i = 1; i <= m; i++) {
            cur[0] = i;
            int xi = x[start + i - 1];
            for (int j = 1; j <= n; j++) {
                int substitute = prev[j - 1] + (xi == y[start + j - 1] ? 0 : 1);
                int delete = prev[j] + 1;
                int insert = cur[j - 1] + 1;
                cur[j] = Math.min(substitute, Math.min(delete, insert));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[n];
    }

    /**
     * Normalised similarity {@code 1 - distance / max(len(a), len(b))} in code points, in {@code [0, 1]}; 1 when
     * both strings are empty.
     */
    public static double similarity(String a, String b) {
        int longest = Math.max(a.codePointCount(0, a.length()), b.codePointCount(0, b.length()));
        if (longest == 0) return 1.0;
        return 1.0 - (double) distance(a, b) / longest;
    }
}
