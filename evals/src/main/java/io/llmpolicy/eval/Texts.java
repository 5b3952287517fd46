package io.llmpolicy.eval;

/** Label and explanation formatting shared by the assertions. */
final class Texts {

    private static final int MAX_QUOTED = 60;

    private Texts() {
    }

    /** A JSON-style quoted string, shortened to {@value #MAX_QUOTED} code points so labels stay one short line. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_QUOTED) + 8).append('"');
        int count = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (count == MAX_QUOTED) {
                out.append('\u2026');
                break;
            }
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20) out.append(String.format("\\u%04x", cp));
                    else out.appendCodePoint(cp);
                }
            }
            count++;
            i += Character.charCount(cp);
        }
        return out.append('"').toString();
    }

    /** A number without a trailing {@code .0}, for labels: {@code 0.8}, {@code 3}. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    /** Four decimals, for explanations. */
    static String fixed(double d) {
        return Double.isNaN(d) ? "NaN" : String.format(java.util.Locale.ROOT, "%.4f", d);
    }

    /** The literal reference when one was given, else the input's expected text (possibly null). */
    static String reference(String literal, EvalInput input) {
        return literal != null ? literal : input.expected();
    }

    static String referenceLabel(String literal) {
        return literal != null ? " " + quote(literal) : "";
    }

    static void requireThreshold(double value, String what) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new InvalidAssertionException(what + " must be in [0, 1], was " + value);
        }
    }
}
