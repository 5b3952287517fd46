package io.llmpolicy.guard;

/**
 * Counts the tokens of a text for size limits. The engine supplies an exact counter (jtokkit, per model encoding);
 * {@link #estimate()} is the dependency-free default.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TokenCounter {
    /** Number of tokens in {@code text}. */
    int count(CharSequence text);

    /**
     * The default estimator: code points below U+0250 (Latin letters, digits, punctuation, whitespace) count a
     * quarter token each, rounded up over the whole text; every other code point (CJK, Cyrillic, Greek, Arabic,
     * emoji, ...) counts one token. This follows the "about four characters per token" rule of thumb for English
     * with BPE tokenizers and errs on the high side for other scripts.
     */
    static TokenCounter estimate() {
        return text -> {
            int latin = 0;
            int other = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x250) {
                    latin++;
                } else if (!Character.isLowSurrogate(c)) {
                    other++;
                }
            }
            return (latin + 3) / 4 + other;
        };
    }
}
