package io.llmpolicy.dsl.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" over the names in scope: Damerau–Levenshtein distance, at most five candidates. */
final class Suggest {
    private Suggest() {}

    /** @return help text such as {@code did you mean 'gpt4o'?}, or null when nothing is close */
    static String didYouMean(String wrong, Collection<String> candidates) {
        int limit = Math.max(1, Math.min(3, wrong.length() / 3 + 1));
        List<String> close = new ArrayList<>();
        for (String c : candidates) {
            int d = distance(wrong.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d <= limit && !c.equals(wrong)) close.add(c);
        }
        if (close.isEmpty()) return null;
        close.sort(Comparator.comparingInt((String c) -> distance(wrong, c)).thenComparing(c -> c));
        List<String> top = close.subList(0, Math.min(5, close.size()));
        if (top.size() == 1) return "did you mean '" + top.get(0) + "'?";
        return "did you mean one of " + String.join(", ", top.stream().map(s -> "'" + s + "'").toList()) + "?";
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
