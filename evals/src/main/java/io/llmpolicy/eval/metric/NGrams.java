package io.llmpolicy.eval.metric;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Multiset of n-grams of one order, keyed by the tokens joined with a separator no token contains. */
final class NGrams {

    /** U+0000 never occurs inside a token: both tokenisers only keep word characters or single symbols. */
    private static final char SEPARATOR = '\u0000';

    final Map<String, Integer> counts;
    final int total;

    private NGrams(Map<String, Integer> counts, int total) {
        this.counts = counts;
        this.total = total;
    }

    static NGrams of(List<String> tokens, int n) {
        int total = Math.max(0, tokens.size() - n + 1);
        Map<String, Integer> counts = new HashMap<>(Math.max(16, total * 2));
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < total; i++) {
            key.setLength(0);
            for (int k = 0; k < n; k++) {
                if (k > 0) key.append(SEPARATOR);
                key.append(tokens.get(i + k));
            }
            counts.merge(key.toString(), 1, Integer::sum);
        }
        return new NGrams(counts, total);
    }

    /** Sum over n-grams of min(count here, count in other): the clipped overlap of Lin and of Papineni et al. */
    int clippedOverlap(NGrams other) {
        int overlap = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Integer there = other.counts.get(e.getKey());
            if (there != null) overlap += Math.min(e.getValue(), there);
        }
        return overlap;
    }
}
