package io.llmpolicy.engine.price;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact money arithmetic in the engine's integer units: nano-USD for amounts, pico-USD per token for prices.
 *
 * <p>All methods are pure and thread-safe. Arithmetic saturates at {@link Long#MAX_VALUE} instead of wrapping, so
 * an absurd token count can only make a request look more expensive (and be refused by a budget), never free.
 */
public final class Money {

    /** Nano-USD in one US dollar. */
    public static final long NANO_PER_USD = 1_000_000_000L;
    /** Pico-USD in one nano-USD: the divisor between a per-token price and a cost. */
    public static final long PICO_PER_NANO = 1_000L;

    private static final int NANO_SCALE = 9;
    private static final int PICO_SCALE = 12;
    private static final int PICO_PER_MILLION_SCALE = 6;

    private Money() {
    }

    /**
     * Cost in nano-USD of {@code tokens} tokens at {@code picoPerToken}: {@code ceil(tokens × picoPerToken / 1000)},
     * saturating at {@link Long#MAX_VALUE}.
     *
     * @throws IllegalArgumentException if either argument is negative
     */
    public static long costNanoUsd(long tokens, long picoPerToken) {
        if (tokens < 0 || picoPerToken < 0) {
            throw new IllegalArgumentException(
                    "token count and price must be >= 0, got tokens=" + tokens + " price=" + picoPerToken);
        }
        long high = Math.multiplyHigh(tokens, picoPerToken);
        long product = tokens * picoPerToken;
        if (high != 0 || product < 0) {
            return Long.MAX_VALUE;
        }
        return Math.ceilDiv(product, PICO_PER_NANO);
    }

    /** {@code a + b} for non-negative amounts, saturating at {@link Long#MAX_VALUE}. */
    public static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    /**
     * Parses a dollar amount such as {@code "12.50"}, {@code "$0.000001"} or {@code "1e-3"} into nano-USD, exactly.
     *
     * @throws IllegalArgumentException if the text is not a number, is negative, has more precision than one
     *     nano-USD, or does not fit a {@code long}
     */
    public static long parseUsd(String text) {
        BigDecimal usd = parseDecimal(text);
        try {
            return usd.movePointRight(NANO_SCALE).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a whole number of nano-USD (at most 9 decimals, at most ~9.2e9 USD)", e);
        }
    }

    /**
     * Parses a price in USD per million tokens (how providers publish prices, e.g. {@code "2.50"}) into pico-USD per
     * token, exactly.
     *
     * @throws IllegalArgumentException if the text is not a number, is negative, or has more than 6 decimals
     */
    public static long parseUsdPerMillionTokens(String text) {
        BigDecimal usdPerMillion = parseDecimal(text);
        try {
            return usdPerMillion.movePointRight(PICO_PER_MILLION_SCALE).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' USD per million tokens is not a whole number of pico-USD per token"
                            + " (at most 6 decimals)", e);
        }
    }

    /**
     * Converts an exact USD-per-token price to pico-USD per token, rounding up to the next whole pico-USD when the
     * value is finer than that (never under-prices).
     *
     * @throws ArithmeticException if the value is negative or does not fit a {@code long}
     */
    public static long usdPerTokenToPico(BigDecimal usdPerToken) {
        if (usdPerToken.signum() < 0) {
            throw new ArithmeticException("negative price " + usdPerToken.toPlainString());
        }
        return usdPerToken.movePointRight(PICO_SCALE).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** Whether {@link #usdPerTokenToPico} had to round this value up. */
    public static boolean isFinerThanPico(BigDecimal usdPerToken) {
        BigDecimal pico = usdPerToken.movePointRight(PICO_SCALE);
        return pico.signum() != 0 && pico.stripTrailingZeros().scale() > 0;
    }

    /** Nano-USD as an exact decimal number of dollars (scale 9), e.g. for a JSON {@code cost_usd} field. */
    public static BigDecimal toUsd(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, NANO_SCALE);
    }

    /** Pico-USD per token as an exact decimal number of dollars per million tokens. */
    public static BigDecimal toUsdPerMillionTokens(long picoPerToken) {
        return BigDecimal.valueOf(picoPerToken, PICO_PER_MILLION_SCALE);
    }

    /**
     * Human-readable dollars with at least two decimals and no trailing zeros beyond them:
     * {@code 1_500_000_000 → "$1.50"}, {@code 1_234 → "$0.000001234"}.
     */
    public static String formatUsd(long nanoUsd) {
        BigDecimal usd = toUsd(nanoUsd).stripTrailingZeros();
        if (usd.scale() < 2) {
            usd = usd.setScale(2, RoundingMode.UNNECESSARY);
        }
        return (nanoUsd < 0 ? "-$" + usd.negate().toPlainString() : "$" + usd.toPlainString());
    }

    private static BigDecimal parseDecimal(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty amount");
        }
        String trimmed = text.strip();
        String digits = trimmed.startsWith("$") ? trimmed.substring(1) : trimmed;
        BigDecimal value;
        try {
            value = new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number", e);
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        return value;
    }
}
