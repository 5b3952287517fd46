package io.llmpolicy.eval.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokenisers behind ROUGE-N and BLEU. Both work on Unicode code points; a "word character" is a letter, a mark
 * (so combining accents stay inside their word) or a decimal digit.
 */
public final class Tokens {

    private Tokens() {
    }

    /**
     * ROUGE tokens, as in the reference ROUGE-1.5.5 script without stemming or stop-word removal: lower-case with
     * {@code Locale.ROOT}, then every maximal run of word characters is a token and everything else separates
     * tokens (so punctuation is dropped and {@code 3.14} is two tokens).
     */
    public static List<String> rouge(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            if (isWordChar(cp)) {
                if (start < 0) start = i;
            } else if (start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) out.add(lower.substring(start));
        return out;
    }

    /**
     * BLEU tokens: case is kept (as sacreBLEU and NLTK do by default); every maximal run of word characters is a
     * token, every other non-whitespace code point (punctuation, symbols, emoji) is a token of its own, and
     * whitespace separates.
     */
    public static List<String> bleu(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isWordChar(cp)) {
                if (start < 0) start = i;
            } else {
                if (start >= 0) {
                    out.add(text.substring(start, i));
                    start = -1;
                }
                if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) out.add(text.substring(i, next));
            }
            i = next;
        }
        if (start >= 0) out.add(text.substring(start));
        return out;
    }

    static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) return true;
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
