package io.llmpolicy.guard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy phrase lists compiled into one case-insensitive Aho–Corasick automaton over UTF-16 chars.
 *
 * <p>Design note: characters are folded with {@link #fold(char)} and mapped to dense symbols through a 64K-entry
 * table, so a scan step is two array loads ({@code symbol[c]}, then {@code delta[state + symbol]}) and a sign test;
 * characters that occur in no term share symbol 0 and send the automaton to the root. Folding is one char to one
 * char, so a match's length in the text equals the term's length. Each term may require word boundaries (the char
 * before and after the match is not a letter, digit or underscore). Immutable; safe to share between threads.
 */
final class PhraseAutomaton {
    /** Longest term accepted (the stream guard must hold back at least this much). */
    static final int MAX_TERM = 256;

    final AhoCorasick ac;
    final char[] symbol;
    final int[] list;
    final boolean[] wordBoundary;
    final int maxLength;

    private PhraseAutomaton(AhoCorasick ac, char[] symbol, int[] list, boolean[] wordBoundary, int maxLength) {
        this.ac = ac;
        this.symbol = symbol;
        this.list = list;
        this.wordBoundary = wordBoundary;
        this.maxLength = maxLength;
    }

    /** Simple case folding: upper then lower case of one UTF-16 char. */
    static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /**
     * Compiles terms; {@code list[i]} and {@code wordBoundary[i]} belong to {@code terms.get(i)}.
     *
     * @throws IllegalArgumentException on an empty term or one longer than {@link #MAX_TERM}
     */
    static PhraseAutomaton compile(List<String> terms, int[] list, boolean[] wordBoundary) {
        Map<Character, Integer> alphabet = new LinkedHashMap<>();
        int[][] pats = new int[terms.size()][];
        int max = 0;
        for (int t = 0; t < terms.size(); t++) {
            String term = terms.get(t);
            if (term.isEmpty()) throw new IllegalArgumentException("empty phrase at position " + t);
            if (term.length() > MAX_TERM) {
                throw new IllegalArgumentException("phrase at position " + t + " is longer than " + MAX_TERM
                        + " characters");
            }
            max = Math.max(max, term.length());
            int[] p = new int[term.length()];
            for (int k = 0; k < term.length(); k++) {
                char f = fold(term.charAt(k));
                Integer sym = alphabet.get(f);
                if (sym == null) {
                    sym = alphabet.size() + 1;
                    alphabet.put(f, sym);
                }
                p[k] = sym;
            }
            pats[t] = p;
        }
        if (alphabet.size() > 65534) throw new IllegalArgumentException("phrase alphabet too large");
        char[] symbol = new char[65536];
        for (int c = 0; c < 65536; c++) {
            Integer sym = alphabet.get(fold((char) c));
            if (sym != null) symbol[c] = (char) (int) sym;
        }
        AhoCorasick ac = AhoCorasick.compile(pats, alphabet.size() + 1);
        return new PhraseAutomaton(ac, symbol, list.clone(), wordBoundary.clone(), max);
    }

    /** Receives one occurrence. */
    interface Match {
        void found(int term, int start, int end);
    }

    /**
     * Reports every occurrence of every term (overlapping ones too), ignoring word boundaries; the reference
     * behaviour that the scan builds on (tests compare it with a naive search).
     */
    void forEach(CharSequence text, Match m) {
        int st = 0;
        int[] delta = ac.delta;
        for (int i = 0; i < text.length(); i++) {
            int nx = delta[st + symbol[text.charAt(i)]];
            if (nx < 0) {
                nx = ~nx;
                int state = ac.stateOf(nx);
                for (int o = ac.outStart[state]; o < ac.outStart[state + 1]; o++) {
                    int t = ac.outIds[o];
                    m.found(t, i + 1 - ac.patternLength[t], i + 1);
                }
            }
            st = nx;
        }
    }
}
