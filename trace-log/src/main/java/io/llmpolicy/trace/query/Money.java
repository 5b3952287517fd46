package io.llmpolicy.trace.query;

import java.math.BigDecimal;

/** Formats exact nano-USD amounts as USD text without rounding. Stateless and thread-safe. */
final class Money {

    private Money() {
    }

    /** {@code 1_234_500_000 -> "1.2345"}, {@code 0 -> "0.00"}, {@code 5 -> "0.000000005"}: at least two decimals. */
    static String usd(long nanoUsd) {
        BigDecimal usd = BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros();
        if (usd.scale() < 2) {
            usd = usd.setScale(2);
        }
        return usd.toPlainString();
    }
}
