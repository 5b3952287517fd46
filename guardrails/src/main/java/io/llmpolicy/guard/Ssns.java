package io.llmpolicy.guard;

/**
 * US Social Security numbers: {@code AAA-GG-SSSS} or {@code AAA GG SSSS}, or nine contiguous digits right after an
 * SSN label; area not 000, 666 or 900-999, group not 00, serial not 0000.
 */
final class Ssns {
    private static final String ID = BuiltinDetector.SSN.id();
    private static final String[] LABELS = {"ssn", "ssn#", "ssn no", "social security number", "social security no",
        "social security #", "social security", "soc sec no", "soc. sec. no"};

    private Ssns() {}

    static int scan(ScanState s, int i, int lim) {
        char[] buf = s.buf;
        if (!digits(s, i, 3, lim)) return -1;
        char sep = s.at(i + 3, lim);
        int e;
        if (sep == '-' || sep == ' ') {
            if (!digits(s, i + 4, 2, lim) || s.at(i + 6, lim) != sep || !digits(s, i + 7, 4, lim)) return -1;
            e = i + 11;
        } else {
            if (!digits(s, i + 3, 6, lim) || !labelled(s, i)) return -1;
            e = i + 9;
        }
        if (CharClass.isDigit(s.at(e, lim)) || !Bounds.right(s, e, lim)) return -1;
        int area = num(buf, i, 3);
        int group = sep == '-' || sep == ' ' ? num(buf, i + 4, 2) : num(buf, i + 3, 2);
        int serial = sep == '-' || sep == ' ' ? num(buf, i + 7, 4) : num(buf, i + 5, 4);
        if (!valid(area, group, serial)) return -1;
        s.emit(ID, i, e, "ssn");
        return e;
    }

    static boolean valid(int area, int group, int serial) {
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    private static boolean digits(ScanState s, int from, int n, int lim) {
        for (int k = from; k < from + n; k++) {
            if (!CharClass.isDigit(s.at(k, lim))) return false;
        }
        return true;
    }

    private static int num(char[] buf, int from, int n) {
        int v = 0;
        for (int k = from; k < from + n; k++) v = v * 10 + (buf[k] - '0');
        return v;
    }

    private static boolean labelled(ScanState s, int i) {
        int p = Labels.skipBack(s, i, 24);
        return Labels.endsWithAny(s, p, LABELS, i - 32);
    }
}
