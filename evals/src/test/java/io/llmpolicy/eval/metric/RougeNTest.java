package io.llmpolicy.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RougeNTest {

    private static final String CANDIDATE = "The cat was found under the bed.";
    private static final String REFERENCE = "the cat was under the bed";

    @Test
    void rouge1_handComputed() {
        // reference unigrams: the x2, cat, was, under, bed                        -> 6
        // candidate unigrams: the x2, cat, was, found, under, bed                 -> 7
        // clipped overlap:    the 2, cat 1, was 1, under 1, bed 1                 -> 6
        // recall 6/6 = 1, precision 6/7, F1 = 2(6/7)(1)/((6/7)+1) = 12/13
        RougeN.Result r = RougeN.score(CANDIDATE, REFERENCE, 1);
        assertThat(r.overlap()).isEqualTo(6);
        assertThat(r.referenceNgrams()).isEqualTo(6);
        assertThat(r.candidateNgrams()).isEqualTo(7);
        assertThat(r.recall()).isEqualTo(1.0);
        assertThat(r.precision()).isCloseTo(6.0 / 7.0, within(1e-12));
        assertThat(r.f1()).isCloseTo(12.0 / 13.0, within(1e-12));
    }

    @Test
    void rouge2_handComputed() {
        // reference bigrams: the-cat, cat-was, was-under, under-the, the-bed                     -> 5
        // candidate bigrams: the-cat, cat-was, was-found, found-under, under-the, the-bed        -> 6
        // overlap: the-cat, cat-was, under-the, the-bed                                          -> 4
        // recall 4/5, precision 4/6, F1 = 2(4/5)(2/3)/((4/5)+(2/3)) = (16/15)/(22/15) = 8/11
        RougeN.Result r = RougeN.score(CANDIDATE, REFERENCE, 2);
        assertThat(r.overlap()).isEqualTo(4);
        assertThat(r.recall()).isCloseTo(0.8, within(1e-12));
        assertThat(r.precision()).isCloseTo(4.0 / 6.0, within(1e-12));
        assertThat(r.f1()).isCloseTo(8.0 / 11.0, within(1e-12));
        assertThat(r.get(RougeN.Measure.F1)).isEqualTo(r.f1());
    }

    @Test
    void overlap_isClippedByReferenceCounts() {
        // "the" four times in the candidate matches only the one "the" of the reference:
        // overlap 1, recall 1/2, precision 1/4
        RougeN.Result r = RougeN.score("the the the the", "the cat", 1);
        assertThat(r.overlap()).isEqualTo(1);
        assertThat(r.recall()).isEqualTo(0.5);
        assertThat(r.precision()).isEqualTo(0.25);
    }

    @Test
    void referenceShorterThanN_makesRecallUndefined() {
        RougeN.Result r = RougeN.score("a b c", "a", 2);
        assertThat(r.recall()).isNaN();
        assertThat(r.f1()).isNaN();
    }

    @Test
    void candidateWithoutNgrams_scoresZeroPrecision() {
        RougeN.Result r = RougeN.score("", "a b", 1);
        assertThat(r.precision()).isZero();
        assertThat(r.recall()).isZero();
        assertThat(r.f1()).isZero();
    }

    @Test
    void rougeTokens_lowercaseAndDropPunctuation() {
        assertThat(Tokens.rouge("Hello, World! It's 3.14 \u00C9t\u00E9 cafe\u0301"))
                .containsExactly("hello", "world", "it", "s", "3", "14", "\u00E9t\u00E9", "cafe\u0301");
    }

    @Test
    void bleuTokens_keepCaseAndSplitPunctuation() {
        assertThat(Tokens.bleu("Hello, World! 3.14 \uD83D\uDE00ok"))
                .isEqualTo(List.of("Hello", ",", "World", "!", "3", ".", "14", "\uD83D\uDE00", "ok"));
    }
}
