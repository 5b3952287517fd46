package io.llmpolicy.guard;

/**
 * PEM private key blocks, followed token by token: a {@code -----BEGIN ... PRIVATE KEY-----} header (any key type,
 * including {@code OPENSSH}, {@code ENCRYPTED} and {@code PGP PRIVATE KEY BLOCK}), base64 lines (and the
 * {@code Proc-Type}/{@code DEK-Info} headers of encrypted keys), and the matching {@code -----END ...-----} footer.
 * The finding spans header to footer. A block without a footer is reported from the header to its last base64 line
 * of 16 or more characters; a header with no key material is not reported. A block longer than 16 KiB is reported
 * unterminated at that point.
 *
 * <p>While a block is open the stream guard holds back everything from its header on, so no part of a key is
 * released before the block is known.
 */
final class PemBlocks {
    static final int NONE = 0;
    static final int HEADER = 1;
    static final int BODY = 2;
    static final int FOOTER = 3;
    static final int MAX_BODY = 16 * 1024;

    private static final String ID = BuiltinDetector.PRIVATE_KEY.id();
    private static final int SAW_PRIVATE = 1;
    private static final int SAW_KEY = 2;

    private PemBlocks() {}

    /** Feeds the token {@code [a, b)}; returns true when the token is part of a key block. */
    static boolean token(ScanState s, int a, int b) {
        char[] buf = s.buf;
        switch (s.pemState) {
            case NONE -> {
                if (b - a == 10 && SecretTokens.starts(buf, a, b, "-----BEGIN")) {
                    s.pemState = HEADER;
                    s.pemStart = a;
                    s.pemWords = 0;
                    s.pemFlags = 0;
                    return true;
                }
                return false;
            }
            case HEADER -> {
                s.pemWords++;
                boolean closes = b - a >= 5 && SecretTokens.starts(buf, b - 5, b, "-----");
                int coreEnd = closes ? b - 5 : b;
                if (is(buf, a, coreEnd, "PRIVATE")) s.pemFlags |= SAW_PRIVATE;
                if (is(buf, a, coreEnd, "KEY") && (s.pemFlags & SAW_PRIVATE) != 0) s.pemFlags |= SAW_KEY;
                if (closes) {
                    boolean key = (s.pemFlags & SAW_KEY) != 0
                            && (is(buf, a, coreEnd, "KEY") || is(buf, a, coreEnd, "BLOCK"));
                    s.pemState = key ? BODY : NONE;
                    s.pemBody = 0;
                    s.pemLastLong = -1;
                    return key;
                }
                if (s.pemWords > 5 || !upperWord(buf, a, b)) {
                    s.pemState = NONE;
                    return false;
                }
                return true;
            }
            case BODY -> {
                if (b - a >= 8 && SecretTokens.starts(buf, a, b, "-----END")) {
                    s.pemState = FOOTER;
                    s.pemWords = 0;
                    if (b - a >= 13 && SecretTokens.starts(buf, b - 5, b, "-----")) return close(s, b);
                    return true;
                }
                if (base64(buf, a, b)) {
                    s.pemBody += b - a;
                    if (b - a >= 16) s.pemLastLong = b;
                    if (s.pemBody > MAX_BODY) unterminated(s);
                    return true;
                }
                if (s.pemLastLong < 0 && armorHeader(buf, a, b)) return true;
                unterminated(s);
                return false;
            }
            case FOOTER -> {
                s.pemWords++;
                if (b - a >= 5 && SecretTokens.starts(buf, b - 5, b, "-----")) return close(s, b);
                if (s.pemWords > 5 || !upperWord(buf, a, b)) {
                    unterminated(s);
                    return false;
                }
                return true;
            }
            default -> throw new IllegalStateException("pem state " + s.pemState);
        }
    }

    /** End of text: reports an open block that already carried key material. */
    static void finish(ScanState s) {
        if (s.pemState == BODY || s.pemState == FOOTER) unterminated(s);
        s.pemState = NONE;
    }

    private static boolean close(ScanState s, int b) {
        s.emit(ID, s.pemStart, b, "private key block");
        s.pemState = NONE;
        return true;
    }

    private static void unterminated(ScanState s) {
        if (s.pemLastLong > s.pemStart) s.emit(ID, s.pemStart, s.pemLastLong, "unterminated private key block");
        s.pemState = NONE;
    }

    private static boolean is(char[] buf, int a, int e, String word) {
        return e - a == word.length() && SecretTokens.starts(buf, a, e, word);
    }

    private static boolean upperWord(char[] buf, int a, int b) {
        for (int k = a; k < b; k++) {
            char c = buf[k];
            if (!(CharClass.isUpper(c) || CharClass.isDigit(c) || c == '-')) return false;
        }
        return true;
    }

    private static boolean base64(char[] buf, int a, int b) {
        for (int k = a; k < b; k++) {
            char c = buf[k];
            if (!(CharClass.isAsciiAlnum(c) || c == '+' || c == '/' || c == '=')) return false;
        }
        return true;
    }

    /** {@code Proc-Type: 4,ENCRYPTED}, {@code DEK-Info: AES-128-CBC,...}, {@code Version: ...} style lines. */
    private static boolean armorHeader(char[] buf, int a, int b) {
        for (int k = a; k < b; k++) {
            char c = buf[k];
            if (!(CharClass.isAsciiAlnum(c) || c == '-' || c == ':' || c == ',' || c == '.' || c == '(' || c == ')')) {
                return false;
            }
        }
        return true;
    }
}
