package io.llmpolicy.guard;

/**
 * E-mail addresses (ASCII): a local part of letters, digits and {@code . _ % + -} (no leading, trailing or doubled
 * dot, at most 64 characters), {@code @}, and a domain of at least two dot-separated labels (letters, digits and
 * inner hyphens, 1 to 63 characters each) whose last label is at least two letters.
 */
final class Emails {
    private static final String ID = BuiltinDetector.EMAIL.id();

    private Emails() {}

    /** Reports every address in the token {@code [a, b)} that does not overlap a finding added since {@code from}. */
    static void scan(ScanState s, int a, int b, int from) {
        char[] buf = s.buf;
        for (int j = a + 1; j < b - 3; j++) {
            if (buf[j] != '@') continue;
            int k = j;
            while (k > a && local(buf[k - 1])) k--;
            while (k < j && buf[k] == '.') k++;
            if (k == j || j - k > 64 || buf[j - 1] == '.') continue;
            boolean dots = false;
            for (int q = k + 1; q < j; q++) {
                if (buf[q] == '.' && buf[q - 1] == '.') dots = true;
            }
            if (dots) continue;
            int e = domainEnd(buf, j + 1, b);
            if (e < 0 || s.overlapsSince(from, k, e)) continue;
            s.emit(ID, k, e, "email");
            j = e - 1;
        }
    }

    private static boolean local(char c) {
        return CharClass.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /** End of a valid domain starting at {@code j}, or -1. */
    static int domainEnd(char[] buf, int j, int b) {
        int e = j;
        while (e < b && (CharClass.isAsciiAlnum(buf[e]) || buf[e] == '.' || buf[e] == '-')) e++;
        while (e > j && (buf[e - 1] == '.' || buf[e - 1] == '-')) e--;
        int labels = 0;
        int labelStart = j;
        boolean lastAlpha = true;
        for (int q = j; q <= e; q++) {
            if (q == e || buf[q] == '.') {
                int len = q - labelStart;
                if (len < 1 || len > 63 || buf[labelStart] == '-' || buf[q - 1] == '-') return -1;
                labels++;
                lastAlpha = len >= 2;
                for (int r = labelStart; r < q; r++) {
                    if (!CharClass.isAsciiLetter(buf[r])) lastAlpha = false;
                }
                labelStart = q + 1;
            }
        }
        return labels >= 2 && lastAlpha ? e : -1;
    }
}
