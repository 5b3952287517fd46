package io.llmpolicy.guard;

import java.util.Arrays;

/**
 * An Aho–Corasick automaton compiled to a dense DFA over a small alphabet of int symbols.
 *
 * <p>Design note: the goto and failure functions are folded into one transition table, so a scan step is one array
 * load ({@code next = delta[state + symbol]}) with no failure-link loop and no allocation. State values are
 * premultiplied by the stride (row offsets); a state that has outputs is stored bit-inverted (negative), so the scan
 * tests for output with one sign check and recovers the row with {@code ~next}. Symbol 0 is "not in any pattern" and
 * always leads back to the root. Each state's output list holds its own pattern and those of its suffix states,
 * longest pattern first. Immutable once built; safe to share between threads.
 */
final class AhoCorasick {
    final int stride;
    final int[] delta;
    /** Output list of state {@code s} (state index, not row) is {@code outIds[outStart[s] .. outStart[s+1])}. */
    final int[] outStart;
    final int[] outIds;
    final int[] patternLength;
    final int states;

    private AhoCorasick(int stride, int[] delta, int[] outStart, int[] outIds, int[] patternLength, int states) {
        this.stride = stride;
        this.delta = delta;
        this.outStart = outStart;
        this.outIds = outIds;
        this.patternLength = patternLength;
        this.states = states;
    }

    /**
     * Compiles patterns (symbols in {@code 1..alphabet-1}; empty patterns are ignored) into a DFA.
     *
     * @param alphabet number of symbols including the "other" symbol 0
     */
    static AhoCorasick compile(int[][] patterns, int alphabet) {
        int stride = alphabet;
        int cap = 1024;
        int[] go = new int[cap * stride];
        Arrays.fill(go, -1);
        int[] ownFirst = new int[cap];
        Arrays.fill(ownFirst, -1);
        int[] nextOwn = new int[patterns.length];
        int states = 1;
        for (int p = 0; p < patterns.length; p++) {
            int[] pat = patterns[p];
            if (pat.length == 0) continue;
            int s = 0;
            for (int sym : pat) {
                if (sym <= 0 || sym >= alphabet) throw new IllegalArgumentException("symbol out of range: " + sym);
                int t = go[s * stride + sym];
                if (t < 0) {
                    if (states == cap) {
                        int old = cap;
                        cap *= 2;
                        go = Arrays.copyOf(go, cap * stride);
                        Arrays.fill(go, old * stride, cap * stride, -1);
                        ownFirst = Arrays.copyOf(ownFirst, cap);
                        Arrays.fill(ownFirst, old, cap, -1);
                    }
                    t = states++;
                    go[s * stride + sym] = t;
                }
                s = t;
            }
            nextOwn[p] = ownFirst[s];
            ownFirst[s] = p;
        }
        int[] fail = new int[states];
        int[] order = new int[states];
        int head = 0;
        int tail = 0;
        for (int a = 0; a < stride; a++) {
            int t = go[a];
            if (t < 0) {
                go[a] = 0;
            } else {
                fail[t] = 0;
                order[tail++] = t;
            }
        }
        while (head < tail) {
            int s = order[head++];
            for (int a = 0; a < stride; a++) {
                int t = go[s * stride + a];
                if (t < 0) {
                    go[s * stride + a] = go[fail[s] * stride + a];
                } else {
                    fail[t] = go[fail[s] * stride + a];
                    order[tail++] = t;
                }
            }
        }
        // Output lists in BFS order: own patterns, then the (already complete) list of the failure state.
        int[][] outs = new int[states][];
        outs[0] = new int[0];
        int total = 0;
        for (int i = 0; i < tail; i++) {
            int s = order[i];
            int own = 0;
            for (int p = ownFirst[s]; p >= 0; p = nextOwn[p]) own++;
            int[] inherited = outs[fail[s]];
            int[] list = new int[own + inherited.length];
            int n = 0;
            for (int p = ownFirst[s]; p >= 0; p = nextOwn[p]) list[n++] = p;
            System.arraycopy(inherited, 0, list, n, inherited.length);
            outs[s] = list;
            total += list.length;
        }
        int[] lengths = new int[patterns.length];
        for (int p = 0; p < patterns.length; p++) lengths[p] = patterns[p].length;
        int[] outStart = new int[states + 1];
        int[] outIds = new int[total];
        int n = 0;
        for (int s = 0; s < states; s++) {
            outStart[s] = n;
            Integer[] boxed = Arrays.stream(outs[s]).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, (x, y) -> lengths[y] != lengths[x] ? lengths[y] - lengths[x] : x - y);
            for (Integer id : boxed) outIds[n++] = id;
        }
        outStart[states] = n;
        int[] delta = new int[states * stride];
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < stride; a++) {
                int t = go[s * stride + a];
                int row = t * stride;
                delta[s * stride + a] = outStart[t + 1] > outStart[t] ? ~row : row;
            }
        }
        return new AhoCorasick(stride, delta, outStart, outIds, lengths, states);
    }

    /** State index of a (non-negative) row value. */
    int stateOf(int row) {
        return row / stride;
    }
}
