package io.llmpolicy.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LevenshteinTest {

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            kitten    | sitting   | 3
            sitting   | kitten    | 3
            flaw      | lawn      | 2
            saturday  | sunday    | 3
            intention | execution | 5
            gumbo     | gambol    | 2
            book      | back      | 2
            abc       | abc       | 0
            ''        | abc       | 3
            abc       | ''        | 3
            ''        | ''        | 0
            a         | b         | 1
            ab        | ba        | 2
            """)
    void distance_classicPairs_matchHandComputedValues(String a, String b, int expected) {
        assertThat(Levenshtein.distance(a, b)).isEqualTo(expected);
    }

    @Test
    void distance_countsSupplementaryCharactersAsOneSymbol() {
        // U+1F600 is two UTF-16 units but one code point: one deletion, not two
        assertThat(Levenshtein.distance("\uD83D\uDE00a", "a")).isEqualTo(1);
        assertThat(Levenshtein.distance("\uD83D\uDE00", "\uD83D\uDE01")).isEqualTo(1);
    }

    @Test
    void similarity_isOneMinusDistanceOverLongerLength() {
        // kitten/sitting: 1 - 3/7
        assertThat(Levenshtein.similarity("kitten", "sitting")).isCloseTo(4.0 / 7.0, within(1e-12));
        assertThat(Levenshtein.similarity("", "")).isEqualTo(1.0);
        assertThat(Levenshtein.similarity("abc", "")).isEqualTo(0.0);
    }

    @Test
    void distance_hugeDifferingTexts_areRefusedWithTypedException() {
        String a = "a".repeat(9000);
        String b = "b".repeat(9000);
        assertThatThrownBy(() -> Levenshtein.distance(a, b)).isInstanceOf(Levenshtein.TooLargeException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void distance_longTextsWithSmallDifference_fitAfterPrefixAndSuffixStripping() {
        String a = "x".repeat(50_000) + "kitten" + "y".repeat(50_000);
        String b = "x".repeat(50_000) + "sitting" + "y".repeat(50_000);
        assertThat(Levenshtein.distance(a, b)).isEqualTo(3);
    }
}
