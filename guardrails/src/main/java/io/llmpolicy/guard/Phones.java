package io.llmpolicy.guard;

/**
 * Telephone numbers: E.164 with a leading {@code +} (8 to 15 digits, with per-country length checks for +1, +33,
 * +34, +44, +49 and +91), and the usual national formats of the US/Canada, the UK, Germany, France, Spain and India
 * (see docs/guardrails.md for the exact groupings). Groups are separated by single spaces, hyphens, dots, slashes
 * or no-break spaces; one group may be in parentheses. National numbers written as one unbroken run of digits are
 * not reported (too easily confused with order numbers and amounts).
 */
final class Phones {
    private static final String ID = BuiltinDetector.PHONE.id();
    private static final int MAX_GROUPS = 12;

    private Phones() {}

    static int scan(ScanState s, int i, int lim) {
        char b = s.before(i);
        if (b == '(') {
            int r = parse(s, i - 1, i - 1, lim, false);
            if (r > 0) return r;
        }
        if (b == '+') return parse(s, i - 1, i, lim, true);
        return parse(s, i, i, lim, false);
    }

    /** Parses groups from {@code j} (a digit or an opening parenthesis); the match starts at {@code start}. */
    private static int parse(ScanState s, int start, int j, int lim, boolean plus) {
        if (!Bounds.left(s.before(start))) return -1;
        char[] buf = s.buf;
        int[] d = s.digits;
        int[] g = s.groups;
        int[] ends = s.groupEnds;
        int n = 0;
        int ng = 0;
        int parenGroup = -1;
        collect:
        while (true) {
            char c = s.at(j, lim);
            boolean paren = false;
            if (c == '(') {
                if (parenGroup >= 0) break;
                paren = true;
                j++;
                c = s.at(j, lim);
            }
            if (!CharClass.isDigit(c)) {
                if (paren) j--;
                break;
            }
            int from = j;
            while (CharClass.isDigit(s.at(j, lim))) j++;
            int glen = j - from;
            if (n + glen > 15 || ng == MAX_GROUPS) {
                // more digits than any phone number: what came before may still be one ("+1 415 555 2671 4111 ...")
                break collect;
            }
            for (int k = from; k < j; k++) d[n++] = buf[k] - '0';
            if (paren) {
                if (s.at(j, lim) != ')') return -1;
                j++;
                parenGroup = ng;
            }
            ends[ng] = j;
            g[ng++] = glen;
            char sep = s.at(j, lim);
            char next = s.at(j + 1, lim);
            if (paren && sep != ' ' && CharClass.isDigit(sep)) continue; // "(0)20" or "(415)555"
            if (isSeparator(sep) && (CharClass.isDigit(next) || next == '(')) {
                j++;
            } else {
                break;
            }
        }
        // the longest run of whole groups that ends at a boundary and reads as a phone number
        for (int use = ng; use >= 1; use--) {
            int e = ends[use - 1];
            if (!Bounds.right(s, e, lim)) continue;
            int digits = 0;
            for (int k = 0; k < use; k++) digits += g[k];
            String label = plus ? e164(d, digits, g, use, parenGroup < use ? parenGroup : -1)
                    : national(d, digits, g, use, parenGroup < use ? parenGroup : -1);
            if (label != null) {
                s.emit(ID, start, e, label);
                return e;
            }
        }
        return -1;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '\u00A0' || c == '\u202F';
    }

    private static String e164(int[] d, int n, int[] g, int ng, int parenGroup) {
        int skip = -1;
        if (parenGroup == 1 && g[1] == 1 && d[g[0]] == 0) {
            // "+44 (0)20 ...": the trunk prefix in parentheses is not part of the international number
            skip = g[0];
            n--;
        } else if (parenGroup == 0) {
            return null;
        }
        if (n < 8 || n > 15) return null;
        int d0 = at(d, 0, skip);
        int d1 = at(d, 1, skip);
        int d2 = at(d, 2, skip);
        if (d0 == 1) return n == 11 && d1 >= 2 && at(d, 4, skip) >= 2 ? "e164" : null;
        return switch (d0 * 10 + d1) {
            case 44 -> n == 11 || n == 12 ? "e164" : null;
            case 49 -> n >= 10 && n <= 15 ? "e164" : null;
            case 33 -> n == 11 && d2 != 0 ? "e164" : null;
            case 34 -> n == 11 && d2 >= 6 ? "e164" : null;
            case 91 -> n == 12 && d2 >= 6 ? "e164" : null;
            default -> "e164";
        };
    }

    /** Digit {@code k} of the number when the digit at index {@code skip} is left out. */
    private static int at(int[] d, int k, int skip) {
        return skip >= 0 && k >= skip ? d[k + 1] : d[k];
    }

    private static String national(int[] d, int n, int[] g, int ng, int parenGroup) {
        if (ng < 2) return null;
        if (parenGroup > 0) return null;
        int d0 = d[0];
        if (d0 == 0 && n == 11 && "12378".indexOf('0' + d[1]) >= 0
                && (shape(g, ng, 3, 4, 4) || shape(g, ng, 4, 3, 4) || shape(g, ng, 5, 6) || shape(g, ng, 5, 3, 3))) {
            return "uk";
        }
        if (d0 == 0 && d[1] != 0 && n == 10 && shape(g, ng, 2, 2, 2, 2, 2) && parenGroup < 0) return "fr";
        if (n == 9 && d0 >= 6 && (shape(g, ng, 3, 3, 3) || shape(g, ng, 3, 2, 2, 2)) && parenGroup < 0) return "es";
        if (n == 10 && d0 >= 6 && shape(g, ng, 5, 5) && parenGroup < 0) return "in";
        if (n == 11 && d0 == 0 && d[1] >= 6 && shape(g, ng, 6, 5) && parenGroup < 0) return "in";
        if (n == 10 && d0 >= 2 && d[3] >= 2 && shape(g, ng, 3, 3, 4)) return "us";
        if (n == 11 && d0 == 1 && d[1] >= 2 && d[4] >= 2 && shape(g, ng, 1, 3, 3, 4) && parenGroup < 0) return "us";
        if (d0 == 0 && d[1] != 0 && n >= 10 && n <= 12 && ng <= 3 && g[0] >= 3 && g[0] <= 5 && parenGroup < 0) {
            for (int k = 1; k < ng; k++) {
                if (g[k] < 3) return null;
            }
            return "de";
        }
        return null;
    }

    private static boolean shape(int[] g, int ng, int... want) {
        if (ng != want.length) return false;
        for (int k = 0; k < ng; k++) {
            if (g[k] != want[k]) return false;
        }
        return true;
    }
}
