package io.llmpolicy.engine.budget;

import io.llmpolicy.engine.price.Money;

/**
 * An amount counted against a budget: tokens, money and requests. Immutable and thread-safe.
 *
 * @param tokens   tokens (prompt + cached prompt + output)
 * @param nanoUsd  money in nano-USD (10<sup>-9</sup> USD)
 * @param requests requests
 */
public record Usage(long tokens, long nanoUsd, long requests) {

    /** Nothing. */
    public static final Usage ZERO = new Usage(0, 0, 0);

    public Usage {
        if (tokens < 0 || nanoUsd < 0 || requests < 0) {
            throw new IllegalArgumentException("usage amounts must be >= 0, got tokens=" + tokens + " nano_usd="
                    + nanoUsd + " requests=" + requests);
        }
    }

    /** One request of {@code tokens} tokens costing {@code nanoUsd}. */
    public static Usage ofRequest(long tokens, long nanoUsd) {
        return new Usage(tokens, nanoUsd, 1);
    }

    /** The amount in one dimension. */
    public long get(BudgetDimension dimension) {
        return get(dimension.ordinal());
    }

    long get(int dimension) {
        return switch (dimension) {
            case 0 -> tokens;
            case 1 -> nanoUsd;
            default -> requests;
        };
    }

    /** Sum, saturating at {@link Long#MAX_VALUE} per dimension. */
    public Usage plus(Usage other) {
        return new Usage(Money.saturatingAdd(tokens, other.tokens), Money.saturatingAdd(nanoUsd, other.nanoUsd),
                Money.saturatingAdd(requests, other.requests));
    }
}
