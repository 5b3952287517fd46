package io.llmpolicy.guard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Test-case text: escapes, generated values and {@code ⟦...⟧} span markers. Generated values keep real-looking
 * secrets out of the repository; they are derived from a seed, so every run sees the same text.
 */
final class CaseText {
    static final char OPEN = '⟦';
    static final char CLOSE = '⟧';

    /** Plain text and the marked spans in code points. */
    record Marked(String text, List<int[]> spans) {}

    private CaseText() {}

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'U' -> {
                    int close = s.indexOf('}', i);
                    b.appendCodePoint(Integer.parseInt(s.substring(i + 2, close), 16));
                    i = close;
                }
                default -> b.append('\\').append(n);
            }
        }
        return b.toString();
    }

    static String generate(String s, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf("${", i);
            if (open < 0) {
                b.append(s, i, s.length());
                break;
            }
            b.append(s, i, open);
            int close = s.indexOf('}', open);
            String spec = s.substring(open + 2, close);
            b.append(value(spec, r));
            i = close + 1;
        }
        return b.toString();
    }

    static String value(String spec, Random r) {
        String[] parts = spec.split(":", 2);
        String arg = parts.length > 1 ? parts[1] : "";
        return switch (parts[0]) {
            case "alnum" -> random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", arg);
            case "upper32" -> random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", arg);
            case "urlsafe" -> random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", arg);
            case "hex" -> random(r, "0123456789abcdef", arg);
            case "b64" -> random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", arg);
            case "letters" -> random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", arg);
            case "azure" -> random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-", arg);
            case "digits" -> random(r, "0123456789", arg);
            case "jwt" -> jwt(r, arg);
            case "pem" -> pem(r, arg, true);
            case "pem-noend" -> pem(r, arg, false);
            default -> throw new IllegalArgumentException("unknown generator " + spec);
        };
    }

    private static String random(Random r, String alphabet, String n) {
        int len = Integer.parseInt(n);
        StringBuilder b = new StringBuilder(len);
        // Keys mix letters and digits; make sure short random draws do too, so a case never flips on bad luck.
        for (int k = 0; k < len; k++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        if (len >= 8 && alphabet.contains("0") && alphabet.contains("a")) {
            b.setCharAt(len / 2, alphabet.charAt(alphabet.indexOf('0') + r.nextInt(10)));
            b.setCharAt(len / 3, alphabet.charAt(alphabet.indexOf('a') + r.nextInt(6)));
        }
        return b.toString();
    }

    static String jwt(Random r, String variant) {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String header = switch (variant) {
            case "noalg" -> "{\"typ\":\"JWT\"}";
            case "notjson" -> "[\"alg\",\"HS256\"]";
            default -> "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        };
        String payload = "{\"sub\":\"" + (1000 + r.nextInt(9000)) + "\",\"name\":\"Test User\",\"iat\":1516239022}";
        byte[] sig = new byte[32];
        r.nextBytes(sig);
        return e.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + e.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + e.encodeToString(sig);
    }

    static String pem(Random r, String type, boolean end) {
        String kind = type.isEmpty() ? "PRIVATE KEY" : type + " PRIVATE KEY";
        byte[] body = new byte[48 * 5 + 17];
        r.nextBytes(body);
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(body);
        return "-----BEGIN " + kind + "-----\n" + b64 + (end ? "\n-----END " + kind + "-----" : "");
    }

    /** Strips the markers and returns the spans they mark, in code points. */
    static Marked mark(String s) {
        StringBuilder b = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        int cp = 0;
        int open = -1;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == OPEN) {
                open = cp;
            } else if (c == CLOSE) {
                spans.add(new int[] {open, cp});
                open = -1;
            } else {
                b.appendCodePoint(c);
                cp++;
            }
        }
        return new Marked(b.toString(), spans);
    }
}
