package io.llmpolicy.guard;

/**
 * URLs: a scheme of 2 to 10 characters followed by {@code ://} and a host, or {@code www.} followed by a domain;
 * the URL runs to the end of the whitespace-delimited token or to a character that cannot appear in a URL
 * ({@code < > " ` { } | \ ^}), minus trailing sentence punctuation and unbalanced closing brackets.
 */
final class Urls {
    private static final String ID = BuiltinDetector.URL.id();

    private Urls() {}

    static void scan(ScanState s, int a, int b, int from) {
        char[] buf = s.buf;
        for (int j = a; j < b - 3; j++) {
            char c = buf[j];
            int start;
            int hostStart;
            if (c == ':' && buf[j + 1] == '/' && buf[j + 2] == '/' && j > a) {
                start = j;
                while (start > a && scheme(buf[start - 1])) start--;
                while (start < j && !CharClass.isAsciiLetter(buf[start])) start++;
                if (j - start < 2 || j - start > 10) continue;
                hostStart = j + 3;
                if (hostStart >= b || !(CharClass.isAsciiAlnum(buf[hostStart]) || buf[hostStart] == '[')) continue;
            } else if ((c == 'w' || c == 'W') && j + 4 < b && Labels.matches(buf, j, "www.")
                    && (j == a || !CharClass.isWord(buf[j - 1]) && buf[j - 1] != '.' && buf[j - 1] != '/')) {
                start = j;
                hostStart = j + 4;
                int host = hostStart;
                while (host < b && (CharClass.isAsciiAlnum(buf[host]) || buf[host] == '.' || buf[host] == '-')) host++;
                if (Emails.domainEnd(buf, hostStart, host) < 0) continue;
            } else {
                continue;
            }
            int e = hostStart;
            while (e < b && urlChar(buf[e])) e++;
            e = trim(buf, start, e);
            if (e <= hostStart || s.overlapsSince(from, start, e)) continue;
            s.emit(ID, start, e, "url");
            j = e - 1;
        }
    }

    private static boolean scheme(char c) {
        return CharClass.isAsciiAlnum(c) || c == '+' || c == '-' || c == '.';
    }

    private static boolean urlChar(char c) {
        return c > ' ' && "<>\"`{}|\\^".indexOf(c) < 0 && !CharClass.isSpace(c);
    }

    private static int trim(char[] buf, int start, int e) {
        while (e > start) {
            char c = buf[e - 1];
            if (".,;:!?'\"*".indexOf(c) >= 0) {
                e--;
            } else if (c == ')' || c == ']') {
                char open = c == ')' ? '(' : '[';
                int depth = 0;
                for (int q = start; q < e; q++) {
                    if (buf[q] == open) depth++;
                    else if (buf[q] == c) depth--;
                }
                if (depth < 0) e--; else break;
            } else {
                break;
            }
        }
        return e;
    }
}
