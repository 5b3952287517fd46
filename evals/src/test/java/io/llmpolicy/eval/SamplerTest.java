package io.llmpolicy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SamplerTest {

    /** h1 of MurmurHash3_x64_128 with seed 0, as published with Guava's Murmur3Hash128Test and the reference C code. */
    @ParameterizedTest(name = "murmur3(\"{0}\")")
    @CsvSource(delimiter = '|', textBlock = """
            hell                                        | 0x629942693e10f867
            The quick brown fox jumps over the lazy dog | 0xe34bbc7bbc071b6c
            The quick brown fox jumps over the lazy cog | 0x658ca970ff85269a
            """)
    void murmur3_matchesPublishedVectors(String input, String expectedHex) {
        assertThat(Murmur3.hash64(input)).isEqualTo(Long.parseUnsignedLong(expectedHex.substring(2), 16));
    }

    @Test
    void murmur3_emptyInputWithSeedZero_isZero() {
        assertThat(Murmur3.hash64(new byte[0])).isZero();
    }

    @Test
    void sampledShare_isCloseToTheRate() {
        // 200,000 ids at 10%: the count is binomial with sd = sqrt(200000 * 0.1 * 0.9) ~ 134; allow 5 sd
        int sampled = 0;
        for (int i = 0; i < 200_000; i++) if (Sampler.sampled("req-" + i, 100_000, "quality")) sampled++;
        assertThat(sampled).isBetween(20_000 - 670, 20_000 + 670);
    }

    @Test
    void evalName_saltsTheChoice() {
        // two evals at 50% agree on about half the ids, not on all of them
        int agree = 0;
        for (int i = 0; i < 10_000; i++) {
            String id = "req-" + i;
            if (Sampler.sampled(id, 500_000, "a") == Sampler.sampled(id, 500_000, "b")) agree++;
        }
        assertThat(agree).isBetween(4_700, 5_300);
    }
}
