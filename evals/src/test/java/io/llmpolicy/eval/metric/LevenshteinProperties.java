package io.llmpolicy.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class LevenshteinProperties {

    /** Reference: the textbook full-matrix recurrence, no trimming, no row swapping. */
    private static int reference(String s, String t) {
        int[] a = s.codePoints().toArray();
        int[] b = t.codePoints().toArray();
        int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) d[i][0] = i;
        for (int j = 0; j <= b.length; j++) d[0][j] = j;
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                d[i][j] = Math.min(d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1),
                        Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        return d[a.length][b.length];
    }

    @Property(tries = 300)
    void distance_agreesWithFullMatrixReference(@ForAll @StringLength(max = 12) String a,
                                                @ForAll @StringLength(max = 12) String b) {
        assertThat(Levenshtein.distance(a, b)).isEqualTo(reference(a, b));
    }

    @Property(tries = 200)
    void distance_isAMetric(@ForAll @StringLength(max = 8) String a, @ForAll @StringLength(max = 8) String b,
                            @ForAll @StringLength(max = 8) String c) {
        assertThat(Levenshtein.distance(a, b)).isEqualTo(Levenshtein.distance(b, a));
        assertThat(Levenshtein.distance(a, c)).isLessThanOrEqualTo(Levenshtein.distance(a, b) + Levenshtein.distance(b, c));
        assertThat(Levenshtein.distance(a, a)).isZero();
    }
}
