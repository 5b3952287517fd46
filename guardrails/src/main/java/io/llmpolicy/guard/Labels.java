package io.llmpolicy.guard;

/** Looking backwards from a match for the label that gives it meaning ("DOB:", "SSN", "born on"). */
final class Labels {
    private Labels() {}

    /** Moves back from {@code i} (exclusive) over whitespace and {@code :;,.=#-()"'}, not below {@code floor}. */
    static int skipSeparators(ScanState s, int i, int floor) {
        int p = i;
        while (p > floor && p > 0) {
            char c = s.buf[p - 1];
            if (CharClass.isSpace(c) || ":;,.=#-()\"'".indexOf(c) >= 0) p--; else break;
        }
        return p;
    }

    /** {@link #skipSeparators} limited to {@code max} characters. */
    static int skipBack(ScanState s, int i, int max) {
        return skipSeparators(s, i, Math.max(0, i - max));
    }

    /**
     * Whether the text ending at {@code p} ends with one of {@code labels} (lower case; compared case-insensitively)
     * that starts at a word boundary at or after {@code floor}. Returns the label's start, or -1.
     */
    static int endsWith(ScanState s, int p, String[] labels, int floor) {
        for (String label : labels) {
            int a = p - label.length();
            if (a < Math.max(floor, 0)) continue;
            if (matches(s.buf, a, label) && !CharClass.isAlnum(s.before(a))) return a;
        }
        return -1;
    }

    static boolean endsWithAny(ScanState s, int p, String[] labels, int floor) {
        return endsWith(s, p, labels, floor) >= 0;
    }

    static boolean matches(char[] buf, int a, String lowerLabel) {
        for (int k = 0; k < lowerLabel.length(); k++) {
            char c = buf[a + k];
            if (c != lowerLabel.charAt(k) && Character.toLowerCase(c) != lowerLabel.charAt(k)) return false;
        }
        return true;
    }
}
