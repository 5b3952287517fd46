package io.llmpolicy.provider.mock;

import java.util.ArrayList;
import java.util.List;

/** Deterministic filler text: exactly {@code words} words drawn by a SplitMix64 sequence from a fixed vocabulary. */
final class MockText {
    private static final String[] VOCABULARY = ("the a policy model budget route request answer token cost team "
            + "user limit window guard check result value fallback provider stream output input trace rule "
            + "simple clear short fast safe good next first each every other some many more less time data "
            + "plan step note case point part line text word list item key set map call run test mock").split(" ");

    private MockText() {}

    static String generate(long hash, int words) {
        StringBuilder s = new StringBuilder();
        long state = hash;
        for (int i = 0; i < words; i++) {
            state = Hashing.mix(state);
            String w = VOCABULARY[(int) Long.remainderUnsigned(state, VOCABULARY.length)];
            if (i == 0) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            s.append(i == 0 ? "" : " ").append(w);
        }
        return s.append('.').toString();
    }

    /** Splits text into chunks of {@code wordsPerChunk} words; the chunks concatenate to the text exactly. */
    static List<String> chunks(String text, int wordsPerChunk) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int words = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' && ++words == wordsPerChunk) {
                out.add(text.substring(start, i + 1));
                start = i + 1;
                words = 0;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** A rough, deterministic token count: one per four code points, at least one for non-empty text. */
    static long tokens(String text) {
        long cp = text.codePointCount(0, text.length());
        return (cp + 3) / 4;
    }
}
