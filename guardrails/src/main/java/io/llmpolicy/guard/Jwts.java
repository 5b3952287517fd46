package io.llmpolicy.guard;

/**
 * JSON Web Tokens (compact JWS): three base64url parts separated by dots (the signature may be empty for
 * {@code alg: none}); the header starts with {@code eyJ}, decodes to a JSON object and has an {@code "alg"} member;
 * the payload starts with {@code ey} (a JSON object).
 */
final class Jwts {
    private Jwts() {}

    /** End of a JWT starting at {@code j}, or -1. */
    static int end(ScanState s, int j, int b) {
        char[] buf = s.buf;
        int h = run(buf, j, b);
        if (h - j < 10 || h >= b || buf[h] != '.') return -1;
        int p = run(buf, h + 1, b);
        if (p - (h + 1) < 2 || buf[h + 1] != 'e' || buf[h + 2] != 'y' || p >= b || buf[p] != '.') return -1;
        int sig = run(buf, p + 1, b);
        if (!header(s, j, h)) return -1;
        return sig;
    }

    private static int run(char[] buf, int p, int b) {
        while (p < b && SecretTokens.in(buf[p], 2)) p++;
        return p;
    }

    /** Decodes the base64url header into the scratch buffer and looks for a JSON object with an "alg" member. */
    private static boolean header(ScanState s, int a, int e) {
        byte[] out = s.bytes;
        int n = 0;
        int acc = 0;
        int bits = 0;
        for (int k = a; k < e; k++) {
            char c = s.buf[k];
            int v;
            if (c >= 'A' && c <= 'Z') v = c - 'A';
            else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
            else if (c >= '0' && c <= '9') v = c - '0' + 52;
            else if (c == '-') v = 62;
            else v = 63;
            acc = acc << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                if (n == out.length) return false;
                out[n++] = (byte) (acc >> bits);
            }
        }
        int first = 0;
        while (first < n && out[first] <= ' ') first++;
        int last = n - 1;
        while (last > first && out[last] <= ' ') last--;
        if (first >= n || out[first] != '{' || out[last] != '}') return false;
        for (int k = first + 1; k + 5 <= last; k++) {
            if (out[k] == '"' && out[k + 1] == 'a' && out[k + 2] == 'l' && out[k + 3] == 'g' && out[k + 4] == '"') {
                int q = k + 5;
                while (q < last && out[q] <= ' ') q++;
                if (out[q] == ':') return true;
            }
        }
        return false;
    }
}
