package io.llmpolicy.guard;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * The "skeleton" normalisation behind injection matching: every character maps to zero, one or two letters
 * {@code a..z} (symbols 1..26), and everything else is ignored.
 *
 * <p>Design note: a character's skeleton is its NFKD compatibility decomposition (which covers NFKC's compatibility
 * forms) with diacritics removed, then a confusables map (Cyrillic, Greek and small-capital look-alikes), then case
 * folding, then leetspeak digits and symbols
 * ({@code 0→o 1→i 3→e 4→a 5→s 7→t 8→b @→a $→s !→i |→i}). Because {@code 1} may stand for {@code i} or {@code l},
 * {@code l} itself folds to {@code i} on both sides. Whitespace, punctuation, zero-width and bidi controls contribute
 * nothing, so spacing tricks ({@code "i g n o r e"}, {@code "i.g.n.o.r.e"}) collapse to the plain word. Patterns
 * are folded with the same function, so matching is consistent by construction. All of it is precomputed into a
 * 64 KiB table at class load; the scan does one lookup per character.
 */
final class Skeleton {
    static final int LETTERS = 26;
    /** Marker in {@link #BMP} for a surrogate: the code point decides. */
    static final byte SURROGATE = -1;

    /** Per BMP char: 0 ignored, 1..26 one letter, 27.. index of a two-letter expansion, -1 surrogate. */
    static final byte[] BMP = new byte[65536];
    static final byte[] PAIR_FIRST = new byte[128];
    static final byte[] PAIR_SECOND = new byte[128];
    private static final byte[] MATH = new byte[0x1D800 - 0x1D400];
    private static final byte[] ENCLOSED = new byte[0x1F200 - 0x1F100];

    private static final Map<Character, Character> CONFUSABLES = confusables();

    static {
        Map<Integer, Integer> pairs = new HashMap<>();
        for (int c = 0; c < 65536; c++) {
            char ch = (char) c;
            if (c < 128) {
                BMP[c] = (byte) symbol(ch);
            } else if (Character.isSurrogate(ch)) {
                BMP[c] = SURROGATE;
            } else if (interesting(c)) {
                int[] letters = letters(String.valueOf(ch));
                if (letters.length == 1) {
                    BMP[c] = (byte) letters[0];
                } else if (letters.length == 2) {
                    int key = letters[0] * 32 + letters[1];
                    Integer idx = pairs.get(key);
                    if (idx == null && pairs.size() < 100) {
                        idx = LETTERS + 1 + pairs.size();
                        pairs.put(key, idx);
                        PAIR_FIRST[idx] = (byte) letters[0];
                        PAIR_SECOND[idx] = (byte) letters[1];
                    }
                    if (idx != null) BMP[c] = (byte) (int) idx;
                }
            }
        }
        for (int cp = 0x1D400; cp < 0x1D800; cp++) {
            int[] l = letters(new String(Character.toChars(cp)));
            MATH[cp - 0x1D400] = (byte) (l.length == 1 ? l[0] : 0);
        }
        for (int cp = 0x1F100; cp < 0x1F200; cp++) {
            int v = 0;
            if (cp >= 0x1F130 && cp <= 0x1F149) v = cp - 0x1F130 + 1;        // squared letters
            else if (cp >= 0x1F150 && cp <= 0x1F169) v = cp - 0x1F150 + 1;   // negative circled
            else if (cp >= 0x1F170 && cp <= 0x1F189) v = cp - 0x1F170 + 1;   // negative squared
            else if (cp >= 0x1F1E6 && cp <= 0x1F1FF) v = cp - 0x1F1E6 + 1;   // regional indicators
            if (v == 12) v = 9; // l folds to i
            ENCLOSED[cp - 0x1F100] = (byte) v;
        }
    }

    private Skeleton() {}

    /** Skeleton symbol of an ASCII char (0 when it contributes nothing). */
    static int symbol(char c) {
        if (c >= 'A' && c <= 'Z') c = (char) (c + 32);
        if (c >= 'a' && c <= 'z') return c == 'l' ? 'i' - 'a' + 1 : c - 'a' + 1;
        return switch (c) {
            case '0' -> 'o' - 'a' + 1;
            case '1', '!', '|' -> 'i' - 'a' + 1;
            case '3' -> 'e' - 'a' + 1;
            case '4', '@' -> 'a' - 'a' + 1;
            case '5', '$' -> 's' - 'a' + 1;
            case '7' -> 't' - 'a' + 1;
            case '8' -> 'b' - 'a' + 1;
            default -> 0;
        };
    }

    /** Skeleton symbol of a supplementary code point (0 when it contributes nothing). */
    static int supplementary(int cp) {
        if (cp >= 0x1D400 && cp < 0x1D800) return MATH[cp - 0x1D400];
        if (cp >= 0x1F100 && cp < 0x1F200) return ENCLOSED[cp - 0x1F100];
        return 0;
    }

    /** Number of skeleton letters the char at {@code j} contributes (low surrogates contribute via their pair). */
    static int contribution(char[] buf, int j, int limit) {
        char c = buf[j];
        if (c < 128) return symbol(c) != 0 ? 1 : 0;
        int v = BMP[c];
        if (v == 0) return 0;
        if (v > 0) return v <= LETTERS ? 1 : 2;
        if (Character.isHighSurrogate(c) && j + 1 < limit && Character.isLowSurrogate(buf[j + 1])) {
            return supplementary(Character.toCodePoint(c, buf[j + 1])) != 0 ? 1 : 0;
        }
        return 0;
    }

    /** The skeleton of a whole string, as symbols 1..26 (used to compile patterns). */
    static int[] of(String s) {
        int[] out = new int[s.length() * 2];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                int v = supplementary(Character.toCodePoint(c, s.charAt(++i)));
                if (v != 0) out[n++] = v;
                continue;
            }
            int v = BMP[c];
            if (v > 0 && v <= LETTERS) {
                out[n++] = v;
            } else if (v > LETTERS) {
                out[n++] = PAIR_FIRST[v];
                out[n++] = PAIR_SECOND[v];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean interesting(int c) {
        return c < 0x530
                || (c >= 0x1D00 && c < 0x1DC0)
                || (c >= 0x1E00 && c < 0x1F00)
                || (c >= 0x2070 && c < 0x2190)
                || (c >= 0x2460 && c < 0x2500)
                || (c >= 0xA730 && c < 0xA800)
                || (c >= 0xFB00 && c < 0xFB07)
                || (c >= 0xFF00 && c < 0xFFF0);
    }

    /** Skeleton letters of a short string, computed the slow way (class-load time only). */
    private static int[] letters(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
        int[] out = new int[4];
        int n = 0;
        for (int i = 0; i < decomposed.length(); i++) {
            char ch = decomposed.charAt(i);
            int type = Character.getType(ch);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) continue;
            Character conf = CONFUSABLES.get(ch);
            if (conf != null) ch = conf;
            String expanded = switch (Character.toLowerCase(ch)) {
                case 'ß' -> "ss";
                case 'æ' -> "ae";
                case 'œ' -> "oe";
                case 'ø' -> "o";
                case 'đ', 'ð' -> "d";
                case 'ł' -> "l";
                case 'ı' -> "i";
                case 'ħ' -> "h";
                case 'ŧ' -> "t";
                default -> String.valueOf(Character.toLowerCase(ch));
            };
            for (int k = 0; k < expanded.length(); k++) {
                char e = expanded.charAt(k);
                int v = e < 128 ? symbol(e) : 0;
                if (v == 0) return new int[0]; // a non-Latin letter: the whole char is ignored
                if (n == out.length) return new int[0];
                out[n++] = v;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static Map<Character, Character> confusables() {
        Map<Character, Character> m = new HashMap<>();
        // Cyrillic and Greek capitals first: lower-casing would lose the look-alike (Greek Η looks like H, η like n).
        put(m, "АВЕЅІЈКМНОРСТУХ", "ABESIJKMHOPCTYX");
        put(m, "аеѕіјорсухԁһԛԝӏвкмнтїё", "aesijopcyxdhqwlbkmhtie");
        put(m, "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX");
        put(m, "αβεηικνορτυχγωςϲ", "abenikvoptuxywsc");
        // Small capitals and IPA letters that have no compatibility decomposition.
        put(m, "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢɡɑ", "abcdefghijklmnoprstuvwyzga");
        return m;
    }

    private static void put(Map<Character, Character> m, String from, String to) {
        if (from.length() != to.length()) throw new IllegalStateException("confusables table misaligned: " + from);
        for (int i = 0; i < from.length(); i++) {
            m.put(from.charAt(i), to.charAt(i));
        }
    }
}
