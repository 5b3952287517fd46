package io.llmpolicy.guard;

/**
 * Per-character class bits used by the scan loop.
 *
 * <p>Design note: the hot loop does exactly one table load per ASCII character; the low five bits carry the
 * injection skeleton symbol (see {@link Skeleton}) so the same load also drives the injection automaton. Everything
 * outside ASCII goes through {@link #nonAscii(char)}, which is slower but rare in English text.
 */
final class CharClass {
    static final int SYM = 0x1F;
    static final int WS = 1 << 5;
    static final int DIGIT = 1 << 6;
    static final int LOWER = 1 << 7;
    static final int UPPER = 1 << 8;
    static final int AT = 1 << 9;
    static final int COLON = 1 << 10;
    static final int DOT = 1 << 11;
    static final int DASH = 1 << 12;
    static final int UNDERSCORE = 1 << 13;
    static final int SLASH = 1 << 14;
    static final int PUNCT = 1 << 15;
    static final int NONASCII = 1 << 16;
    static final int NL = 1 << 17;
    static final int HEX = 1 << 18;
    /** Non-ASCII character whose skeleton needs the slow path (pairs, surrogates). */
    static final int SLOW = 1 << 19;

    static final int LETTER = LOWER | UPPER;
    static final int ALNUM = LETTER | DIGIT;

    /** Class bits for chars 0..127 (skeleton symbol included). */
    static final int[] ASCII = new int[128];

    static {
        for (int c = 0; c < 128; c++) {
            int k = 0;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) k |= WS;
            if (c == '\n' || c == '\r') k |= NL;
            if (c >= '0' && c <= '9') k |= DIGIT | HEX;
            if (c >= 'a' && c <= 'z') k |= LOWER;
            if (c >= 'A' && c <= 'Z') k |= UPPER;
            if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) k |= HEX;
            switch (c) {
                case '@' -> k |= AT;
                case ':' -> k |= COLON;
                case '.' -> k |= DOT;
                case '-' -> k |= DASH;
                case '_' -> k |= UNDERSCORE;
                case '/' -> k |= SLASH;
                default -> {
                    if (c > ' ' && c < 127 && (k & (DIGIT | LETTER)) == 0) k |= PUNCT;
                }
            }
            ASCII[c] = k | Skeleton.symbol((char) c);
        }
    }

    private CharClass() {}

    /** Class bits of a non-ASCII UTF-16 unit (never ASCII). */
    static int nonAscii(char c) {
        if (isSpace(c)) return WS | (c == 0x2028 || c == 0x2029 || c == 0x85 ? NL : 0);
        int s = Skeleton.BMP[c];
        if (s < 0 || s > Skeleton.LETTERS || Character.isSurrogate(c)) return NONASCII | SLOW;
        return NONASCII | s;
    }

    /** Unicode whitespace as a separator: the JDK's notion plus the no-break spaces it leaves out. */
    static boolean isSpace(char c) {
        if (c < 128) return (ASCII[c] & WS) != 0;
        return c == 0xA0 || c == 0x2007 || c == 0x202F || c == 0x85 || Character.isWhitespace(c);
    }

    /** Letter, digit or underscore: the word characters for boundary checks. */
    static boolean isWord(char c) {
        if (c < 128) return (ASCII[c] & ALNUM) != 0 || c == '_';
        return Character.isLetterOrDigit(c);
    }

    static boolean isAlnum(char c) {
        return c < 128 ? (ASCII[c] & ALNUM) != 0 : Character.isLetterOrDigit(c);
    }

    static boolean isAsciiAlnum(char c) {
        return c < 128 && (ASCII[c] & ALNUM) != 0;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isHex(char c) {
        return c < 128 && (ASCII[c] & HEX) != 0;
    }

    static boolean isAsciiLetter(char c) {
        return c < 128 && (ASCII[c] & LETTER) != 0;
    }
}
