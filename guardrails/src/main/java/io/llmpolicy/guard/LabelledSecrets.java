package io.llmpolicy.guard;

/**
 * Secrets recognised by the label in front of them: {@code password: ...}, {@code api_key = "..."},
 * {@code aws_secret_access_key=...}, {@code AccountKey=...}. The skeleton automaton reports a label (see
 * {@link SkeletonPatterns}); the next token that is not only separators ({@code : = " ' >}) or a linking word
 * ({@code is}, {@code ist}, {@code est}, {@code es}, {@code lautet}, {@code was}) is the value, cut at a quote,
 * comma, semicolon or bracket. The value must then pass the shape or entropy test of the label's kind (see
 * docs/guardrails.md for thresholds).
 */
final class LabelledSecrets {
    /** Minimum Shannon entropy (bits per character) of a value labelled key/token/secret. */
    static final double KEY_ENTROPY = 3.0;
    /** Minimum Shannon entropy (bits per character) of a value labelled password. */
    static final double PASSWORD_ENTROPY = 2.5;

    private static final String GENERIC = BuiltinDetector.GENERIC_SECRET.id();
    private static final String AWS = BuiltinDetector.AWS_SECRET_KEY.id();
    private static final String AZURE = BuiltinDetector.AZURE_KEY.id();
    private static final String[] LINKS = {"is", "ist", "est", "es", "lautet", "was", "equals", "are"};

    private LabelledSecrets() {}

    /**
     * Offers the token {@code [a, b)} as the value of the pending label. {@code covered} is the end of a
     * shape-specific secret already found in this token (or {@code a}).
     */
    static void token(ScanState s, int a, int b, int covered, boolean[] on) {
        char[] buf = s.buf;
        int p = Math.max(s.labelEnd, a);
        while (p < b && separator(buf[p])) p++;
        if (p >= b || link(buf, p, b)) {
            if (++s.labelTokens > 3) s.labelKind = 0;
            return;
        }
        int e = p;
        while (e < b && !stop(buf[e])) e++;
        while (e > p && buf[e - 1] == '.') e--;
        int kind = s.labelKind;
        s.labelKind = 0;
        if (e <= p || covered > p) return;
        int len = e - p;
        if (kind == SkeletonPatterns.LABEL_AWS && on[BuiltinDetector.AWS_SECRET_KEY.ordinal()] && len == 40
                && all(buf, p, e, "+/")) {
            s.emit(AWS, p, e, "aws secret access key");
            return;
        }
        if (kind == SkeletonPatterns.LABEL_AZURE && on[BuiltinDetector.AZURE_KEY.ordinal()]
                && ((len == 32 && hex(buf, p, e)) || (len >= 86 && len <= 88 && all(buf, p, e, "+/=")))) {
            s.emit(AZURE, p, e, "azure key");
            return;
        }
        if (!on[BuiltinDetector.GENERIC_SECRET.ordinal()]) return;
        if (kind == SkeletonPatterns.LABEL_PASSWORD) {
            if (len >= 8 && len <= 128 && classes(buf, p, e) >= 2 && entropy(s, p, e) >= PASSWORD_ENTROPY) {
                s.emit(GENERIC, p, e, "labelled password");
            }
        } else if (len >= 16 && len <= 512 && hasDigit(buf, p, e) && classes(buf, p, e) >= 2
                && entropy(s, p, e) >= KEY_ENTROPY) {
            s.emit(GENERIC, p, e, "labelled key or token");
        }
    }

    private static boolean separator(char c) {
        return c == ':' || c == '=' || c == '"' || c == '\'' || c == '`' || c == '>' || c == '(' || c == '[';
    }

    private static boolean stop(char c) {
        return c == '"' || c == '\'' || c == '`' || c == ',' || c == ';' || c == ')' || c == ']' || c == '}'
                || c == '<' || c == '>';
    }

    private static boolean link(char[] buf, int p, int b) {
        for (String w : LINKS) {
            if (b - p == w.length() && Labels.matches(buf, p, w)) return true;
        }
        return false;
    }

    private static boolean all(char[] buf, int p, int e, String extra) {
        for (int k = p; k < e; k++) {
            char c = buf[k];
            if (!CharClass.isAsciiAlnum(c) && extra.indexOf(c) < 0) return false;
        }
        return true;
    }

    private static boolean hex(char[] buf, int p, int e) {
        for (int k = p; k < e; k++) {
            if (!CharClass.isHex(buf[k])) return false;
        }
        return true;
    }

    private static boolean hasDigit(char[] buf, int p, int e) {
        for (int k = p; k < e; k++) {
            if (CharClass.isDigit(buf[k])) return true;
        }
        return false;
    }

    /** Number of character classes present: lower case, upper case, digit, other. */
    static int classes(char[] buf, int p, int e) {
        int mask = 0;
        for (int k = p; k < e; k++) {
            char c = buf[k];
            if (c >= 'a' && c <= 'z') mask |= 1;
            else if (c >= 'A' && c <= 'Z') mask |= 2;
            else if (c >= '0' && c <= '9') mask |= 4;
            else mask |= 8;
        }
        return Integer.bitCount(mask);
    }

    /** Shannon entropy in bits per character of {@code buf[p, e)} (non-ASCII chars share one bucket). */
    static double entropy(ScanState s, int p, int e) {
        int[] counts = s.counts;
        java.util.Arrays.fill(counts, 0);
        for (int k = p; k < e; k++) {
            char c = s.buf[k];
            counts[c < 127 ? c : 127]++;
        }
        double n = e - p;
        double h = 0;
        for (int v : counts) {
            if (v > 0) {
                double q = v / n;
                h -= q * Math.log(q);
            }
        }
        return h / Math.log(2);
    }
}
