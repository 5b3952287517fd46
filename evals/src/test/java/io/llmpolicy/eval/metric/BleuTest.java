package io.llmpolicy.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BleuTest {

    @Test
    void sentenceBleu_handComputedWithSmoothedFourGram() {
        // candidate "the cat sat on the mat", reference "the cat is on the mat"; c = r = 6 so BP = exp(1 - 6/6) = 1
        // p1: the 2 (clipped to 2), cat, on, mat match; sat does not          -> 5/6
        // p2: the-cat, on-the, the-mat of 5 bigrams                           -> 3/5
        // p3: on-the-mat of 4 trigrams                                        -> 1/4
        // p4: none of 3 four-grams -> Chen & Cherry method 1: 0.1/3
        // BLEU = (5/6 · 3/5 · 1/4 · 1/30)^(1/4) = (1/240)^(1/4) = 0.2540663740773...
        Bleu.Result r = Bleu.sentence("the cat sat on the mat", "the cat is on the mat");
        assertThat(r.precisions()).containsExactly(new double[] {5.0 / 6, 3.0 / 5, 1.0 / 4, 0.1 / 3}, within(1e-12));
        assertThat(r.brevityPenalty()).isEqualTo(1.0);
        assertThat(r.score()).isCloseTo(Math.pow(1.0 / 240, 0.25), within(1e-12));
        assertThat(r.score()).isCloseTo(0.2540663741, within(1e-9));
    }

    @Test
    void brevityPenalty_appliesWhenCandidateIsShorter() {
        // candidate "the cat" (c = 2), reference of 6 tokens (r = 6): BP = exp(1 - 6/2) = e^-2
        // p1 = 2/2, p2 = 1/1; no trigrams or 4-grams in the candidate: 0 matches over max(1, 0) -> 0.1 each
        // BLEU = e^-2 · (1 · 1 · 0.1 · 0.1)^(1/4) = 0.135335... · 0.316227... = 0.0427967...
        Bleu.Result r = Bleu.sentence("the cat", "the cat sat on the mat");
        assertThat(r.brevityPenalty()).isCloseTo(Math.exp(-2), within(1e-12));
        assertThat(r.score()).isCloseTo(Math.exp(-2) * Math.pow(0.01, 0.25), within(1e-12));
        assertThat(r.score()).isCloseTo(0.0427967743, within(1e-9));
    }

    @Test
    void identicalSentences_scoreOne() {
        assertThat(Bleu.sentence("The quick brown fox jumps.", "The quick brown fox jumps.").score()).isEqualTo(1.0);
    }

    @Test
    void noSharedUnigram_scoresZeroDespiteSmoothing() {
        assertThat(Bleu.sentence("completely different words", "the cat sat on the mat").score()).isZero();
    }

    @Test
    void emptyCandidate_scoresZero_emptyReference_isUndefined() {
        assertThat(Bleu.sentence("", "the cat").score()).isZero();
        assertThat(Bleu.sentence("the cat", "").score()).isNaN();
    }

    @Test
    void longerCandidate_hasNoBrevityPenalty_andLowerPrecision() {
        // candidate 4 tokens, reference 2: BP = 1; p1 = 2/4, p2 = 1/3, p3 = 0.1/2, p4 = 0.1/1
        // BLEU = (1/2 · 1/3 · 1/20 · 1/10)^(1/4) = (1/1200)^(1/4)
        Bleu.Result r = Bleu.sentence("the cat sat down", "the cat");
        assertThat(r.brevityPenalty()).isEqualTo(1.0);
        assertThat(r.score()).isCloseTo(Math.pow(1.0 / 1200, 0.25), within(1e-12));
    }

    @Test
    void caseMatters_asInSacreBleuAndNltkDefaults() {
        assertThat(Bleu.sentence("The Cat", "the cat").score()).isZero();
    }
}
