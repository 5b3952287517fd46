package io.llmpolicy.guard;

/**
 * Payment card numbers: 13 to 19 digits, contiguous or grouped with single spaces or hyphens (4-4-4-4 style,
 * Amex 4-6-5, Diners 4-6-4), an issuer prefix whose allowed lengths include this one, and a valid Luhn check digit.
 */
final class CreditCards {
    private static final String ID = BuiltinDetector.CREDIT_CARD.id();

    private CreditCards() {}

    static int scan(ScanState s, int i, int lim) {
        char[] buf = s.buf;
        int[] d = s.digits;
        int[] g = s.groups;
        int[] ends = s.groupEnds;
        int n = 0;
        int ng = 0;
        char sep = 0;
        int j = i;
        while (ng < g.length) {
            int from = j;
            while (j < lim && CharClass.isDigit(buf[j])) j++;
            int glen = j - from;
            if (n + glen > 19) break; // longer than any card: a shorter prefix may still be one
            for (int k = from; k < j; k++) d[n++] = buf[k] - '0';
            ends[ng] = j;
            g[ng++] = glen;
            char c = j < lim ? buf[j] : 0;
            // only a group of four (or the six of 4-6-5 / 4-6-4) may be followed by a separator, so two
            // numbers in a row ("6011111111111117 6011 ...") stay two numbers
            if ((c == ' ' || c == '-') && (sep == 0 || sep == c) && (glen == 4 || (ng == 2 && glen == 6))
                    && j + 1 < lim && CharClass.isDigit(buf[j + 1])) {
                sep = c;
                j++;
            } else {
                break;
            }
        }
        for (int use = ng; use >= 1; use--) {
            int digits = 0;
            for (int k = 0; k < use; k++) digits += g[k];
            int e = ends[use - 1];
            if (digits < 13 || !Bounds.right(s, e, lim) || !grouping(g, use)) continue;
            String brand = brand(d, digits);
            if (brand == null || !luhn(d, digits)) continue;
            s.emit(ID, i, e, brand);
            return e;
        }
        return -1;
    }

    private static boolean grouping(int[] g, int ng) {
        if (ng == 1) return true;
        if (ng == 3 && g[0] == 4 && g[1] == 6 && (g[2] == 5 || g[2] == 4)) return true;
        for (int k = 0; k < ng - 1; k++) {
            if (g[k] != 4) return false;
        }
        return g[ng - 1] >= 1 && g[ng - 1] <= 4;
    }

    /** Luhn (mod 10) over the first {@code n} digits. */
    static boolean luhn(int[] d, int n) {
        int sum = 0;
        boolean dbl = false;
        for (int k = n - 1; k >= 0; k--) {
            int v = d[k];
            if (dbl) {
                v *= 2;
                if (v > 9) v -= 9;
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** Issuer of a number by IIN prefix and length, or null when no issuer uses this prefix with this length. */
    static String brand(int[] d, int n) {
        int p2 = d[0] * 10 + d[1];
        int p3 = p2 * 10 + d[2];
        int p4 = p3 * 10 + d[3];
        int p6 = (p4 * 10 + d[4]) * 10 + d[5];
        if ((p2 == 34 || p2 == 37)) return n == 15 ? "amex" : null;
        if (d[0] == 4) return n == 13 || n == 16 || n == 19 ? "visa" : null;
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n == 16 ? "mastercard" : null;
        if (p4 >= 2200 && p4 <= 2204) return n >= 16 ? "mir" : null;
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
            return n >= 16 ? "discover" : null;
        }
        if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
            return n >= 14 ? "diners" : null;
        }
        if (p4 >= 3528 && p4 <= 3589) return n >= 16 ? "jcb" : null;
        if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759
                || (p4 >= 6761 && p4 <= 6763)) return "maestro";
        if (p2 == 62) return n >= 16 ? "unionpay" : null;
        return null;
    }
}
