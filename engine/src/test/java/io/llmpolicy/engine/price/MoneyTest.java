package io.llmpolicy.engine.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @ParameterizedTest(name = "{0} tokens at {1} pico = {2} nano")
    @CsvSource({
        // tokens, pico/token, expected nano-USD = ceil(tokens * pico / 1000)
        "0,       2500000,  0",
        "1,       2500000,  2500",        // $2.50/M: one token is exactly 2.5 micro-USD
        "1000000, 2500000,  2500000000",  // one million tokens at $2.50/M = $2.50
        "1,       1,        1",           // 0.001 nano rounds up to 1
        "999,     1,        1",
        "1000,    1,        1",
        "1001,    1,        2",
        "3,       333,      1",           // 0.999 nano -> 1
        "7,       150000,   1050",        // gpt-4o-mini input: 7 x 0.15 micro = 1.05 micro
        "374,     2500000,  935000",      // the example: 374 prompt tokens of gpt-4o
        "44,      10000000, 440000",
    })
    void costNanoUsd_roundsUpPerCall(long tokens, long pico, long expectedNano) {
        assertThat(Money.costNanoUsd(tokens, pico)).isEqualTo(expectedNano);
    }

    @Test
    void costNanoUsd_overflow_saturates() {
        assertThat(Money.costNanoUsd(Long.MAX_VALUE, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(Money.costNanoUsd(1L << 40, 1L << 30)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void costNanoUsd_negative_isRejected() {
        assertThatThrownBy(() -> Money.costNanoUsd(-1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens=-1");
    }

    @Test
    void modelPriceCost_roundsEachKindSeparately() {
        ModelPrice price = new ModelPrice(1, 1, 1, 0, 0);
        // Each kind is 0.001 nano, rounded up to 1 on its own: 3, not ceil(0.003) = 1.
        assertThat(price.costNanoUsd(1, 1, 1)).isEqualTo(3);
        ModelPrice gpt4o = new ModelPrice(2_500_000, 1_250_000, 10_000_000, 128_000, 16_384);
        // 300 uncached + 74 cached input, 44 output: 750_000 + 92_500 + 440_000 nano.
        assertThat(gpt4o.costNanoUsd(300, 74, 44)).isEqualTo(1_282_500);
    }

    @Test
    void modelPrice_limits_unknownNeverExcludes() {
        ModelPrice unknown = ModelPrice.of(1, 1);
        assertThat(unknown.fitsContext(Long.MAX_VALUE)).isTrue();
        ModelPrice small = new ModelPrice(1, 1, 1, 8192, 4096);
        assertThat(small.fitsContext(8192)).isTrue();
        assertThat(small.fitsContext(8193)).isFalse();
        assertThat(small.allowsOutput(4097)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "12.50,         12500000000",
        "$0.000000001,  1",
        "0,             0",
        "1e-3,          1000000",
        "  $100 ,       100000000000",
    })
    void parseUsd_exact(String text, long nano) {
        assertThat(Money.parseUsd(text)).isEqualTo(nano);
    }

    @ParameterizedTest
    @CsvSource({"0.0000000001", "-1", "abc", "''", "100000000000"})
    void parseUsd_bad_isRejectedWithMessage(String text) {
        assertThatThrownBy(() -> Money.parseUsd(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void parseUsdPerMillionTokens_isPicoPerToken() {
        assertThat(Money.parseUsdPerMillionTokens("2.50")).isEqualTo(2_500_000);
        assertThat(Money.parseUsdPerMillionTokens("0.075")).isEqualTo(75_000);
        assertThatThrownBy(() -> Money.parseUsdPerMillionTokens("0.0000001"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 decimals");
    }

    @Test
    void usdPerTokenToPico_exactFromDecimalText() {
        assertThat(Money.usdPerTokenToPico(new BigDecimal("2.5e-06"))).isEqualTo(2_500_000);
        assertThat(Money.usdPerTokenToPico(new BigDecimal("1.5e-07"))).isEqualTo(150_000);
        assertThat(Money.usdPerTokenToPico(new BigDecimal("0"))).isZero();
        // Float noise finer than a pico-USD rounds up, and is reported as such.
        BigDecimal noisy = new BigDecimal("1.5000020000000002e-05");
        assertThat(Money.usdPerTokenToPico(noisy)).isEqualTo(15_000_021);
        assertThat(Money.isFinerThanPico(noisy)).isTrue();
        assertThat(Money.isFinerThanPico(new BigDecimal("2.5e-06"))).isFalse();
    }

    @Test
    void formatUsd_readable() {
        assertThat(Money.formatUsd(1_500_000_000)).isEqualTo("$1.50");
        assertThat(Money.formatUsd(1_234)).isEqualTo("$0.000001234");
        assertThat(Money.formatUsd(0)).isEqualTo("$0.00");
        assertThat(Money.toUsd(1_282_500)).isEqualByComparingTo("0.0012825");
    }
}
