package io.llmpolicy.guard;

/**
 * Network addresses inside a token.
 * <ul>
 *   <li>IPv4: four decimal octets 0-255 without leading zeros, not part of a longer dotted number or word.</li>
 *   <li>IPv6 (RFC 4291 text forms): eight groups of 1-4 hex digits, or fewer with one {@code ::}, optionally ending
 *       in a dotted IPv4; at least two explicit groups (or exactly {@code ::1}), not part of a longer word.</li>
 *   <li>MAC: six pairs of hex digits separated consistently by {@code :} or {@code -}, or three groups of four
 *       separated by {@code .} (Cisco style).</li>
 * </ul>
 */
final class NetAddresses {
    private static final String IPV4 = BuiltinDetector.IPV4.id();
    private static final String IPV6 = BuiltinDetector.IPV6.id();
    private static final String MAC = BuiltinDetector.MAC.id();

    private NetAddresses() {}

    static void scanMac(ScanState s, int a, int b, int from) {
        char[] buf = s.buf;
        for (int j = a; j + 14 <= b; j++) {
            if (!CharClass.isHex(buf[j]) || (j > a && (CharClass.isWord(buf[j - 1]) || buf[j - 1] == ':'
                    || buf[j - 1] == '-' || buf[j - 1] == '.'))) continue;
            int e = -1;
            char sep = buf[j + 2];
            if ((sep == ':' || sep == '-') && j + 17 <= b) {
                e = j + 17;
                for (int k = 0; k < 6 && e > 0; k++) {
                    int p = j + 3 * k;
                    if (!CharClass.isHex(buf[p]) || !CharClass.isHex(buf[p + 1]) || (k < 5 && buf[p + 2] != sep)) e = -1;
                }
            } else if (buf[j + 4] == '.') {
                e = j + 14;
                for (int k = 0; k < 3 && e > 0; k++) {
                    int p = j + 5 * k;
                    for (int q = p; q < p + 4; q++) {
                        if (!CharClass.isHex(buf[q])) e = -1;
                    }
                    if (k < 2 && buf[p + 4] != '.') e = -1;
                }
            }
            if (e < 0 || (e < b && (CharClass.isWord(buf[e]) || buf[e] == sep && e + 1 < b && CharClass.isHex(buf[e + 1]))))
                continue;
            if (s.overlapsSince(from, j, e)) continue;
            s.emit(MAC, j, e, "mac");
            j = e - 1;
        }
    }

    static void scanIpv4(ScanState s, int a, int b, int from) {
        char[] buf = s.buf;
        for (int j = a; j + 7 <= b; j++) {
            if (!CharClass.isDigit(buf[j]) || (j > a && (CharClass.isWord(buf[j - 1]) || buf[j - 1] == '.'))) continue;
            int e = ipv4End(buf, j, b);
            if (e < 0) {
                while (j + 1 < b && (CharClass.isDigit(buf[j + 1]) || buf[j + 1] == '.')) j++;
                continue;
            }
            if (e < b && (CharClass.isWord(buf[e]) || (buf[e] == '.' && e + 1 < b && CharClass.isDigit(buf[e + 1])))) {
                continue;
            }
            if (s.overlapsSince(from, j, e)) continue;
            s.emit(IPV4, j, e, "ipv4");
            j = e - 1;
        }
    }

    /** End of a dotted quad starting at {@code j}, or -1. */
    static int ipv4End(char[] buf, int j, int b) {
        int p = j;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (p >= b || buf[p] != '.') return -1;
                p++;
            }
            int v = 0;
            int n = 0;
            int first = p;
            while (p < b && n < 4 && CharClass.isDigit(buf[p])) {
                v = v * 10 + (buf[p++] - '0');
                n++;
            }
            if (n == 0 || n > 3 || v > 255 || (n > 1 && buf[first] == '0')) return -1;
        }
        return p;
    }

    static void scanIpv6(ScanState s, int a, int b, int from) {
        char[] buf = s.buf;
        for (int j = a; j + 3 <= b; j++) {
            char c = buf[j];
            if (!(CharClass.isHex(c) || c == ':')) continue;
            if (j > a && (CharClass.isWord(buf[j - 1]) || buf[j - 1] == ':' || buf[j - 1] == '.')) continue;
            int r = j;
            while (r < b && (CharClass.isHex(buf[r]) || buf[r] == ':' || buf[r] == '.')) r++;
            int e = r;
            while (e > j && buf[e - 1] == '.') e--;
            if (e - j >= 2 && buf[e - 1] == ':' && buf[e - 2] != ':') e--;
            if ((r < b && CharClass.isWord(buf[r])) || !ipv6(buf, j, e)) {
                j = r - 1;
                continue;
            }
            if (s.overlapsSince(from, j, e)) continue;
            s.emit(IPV6, j, e, "ipv6");
            j = r - 1;
        }
    }

    /** Whether {@code buf[a, e)} is an IPv6 address in RFC 4291 text form (as restricted above). */
    static boolean ipv6(char[] buf, int a, int e) {
        int colons = 0;
        int doubles = 0;
        for (int q = a; q < e; q++) {
            if (buf[q] == ':') {
                colons++;
                if (q + 1 < e && buf[q + 1] == ':') {
                    doubles++;
                    if (q + 2 < e && buf[q + 2] == ':') return false;
                }
            }
        }
        if (colons < 2 || doubles > 1) return false;
        int groups = 0;
        int q = a;
        while (q < e) {
            if (buf[q] == ':') {
                q++;
                continue;
            }
            int g = q;
            while (q < e && buf[q] != ':') q++;
            int len = q - g;
            boolean dotted = false;
            for (int k = g; k < q; k++) {
                if (buf[k] == '.') dotted = true;
            }
            if (dotted) {
                if (q != e || ipv4End(buf, g, q) != q) return false;
                groups += 2;
            } else {
                if (len < 1 || len > 4) return false;
                groups++;
            }
        }
        // A single leading or trailing colon (not part of "::") is malformed.
        if (buf[a] == ':' && buf[a + 1] != ':') return false;
        if (buf[e - 1] == ':' && buf[e - 2] != ':') return false;
        if (doubles == 0) return groups == 8;
        if (groups > 7) return false;
        return groups >= 2 || (e - a == 3 && buf[a + 2] == '1');
    }
}
