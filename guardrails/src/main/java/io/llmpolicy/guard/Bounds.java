package io.llmpolicy.guard;

/**
 * Where a number-like match may start and end: the character before and after must separate it from surrounding
 * words, identifiers, paths and longer numbers.
 */
final class Bounds {
    private Bounds() {}

    /** A match may start right after {@code c}: whitespace, an opening bracket or quote, or list punctuation. */
    static boolean left(char c) {
        if (c < 128) {
            if ((CharClass.ASCII[c] & CharClass.WS) != 0) return true;
            return "([{\"'<:;,=*".indexOf(c) >= 0;
        }
        return c != ScanState.BLOCKED && !Character.isLetterOrDigit(c);
    }

    /**
     * A match may end right before {@code c} (followed by {@code next}): whitespace, the end of the text, closing
     * punctuation, or sentence punctuation that is not the start of a longer number.
     */
    static boolean right(char c, char next) {
        if (c == ScanState.BLOCKED) return false;
        if (c < 128) {
            if ((CharClass.ASCII[c] & CharClass.WS) != 0) return true;
            if (c == '.' || c == ',' || c == ':') return !CharClass.isAlnum(next);
            return ")]}\"'>;!?*".indexOf(c) >= 0;
        }
        return !Character.isLetterOrDigit(c);
    }

    /** Right boundary at index {@code j} for a detector reading up to {@code lim}. */
    static boolean right(ScanState s, int j, int lim) {
        return right(s.at(j, lim), s.at(j + 1, lim));
    }
}
