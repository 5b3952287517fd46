package io.llmpolicy.engine.budget;

import io.llmpolicy.engine.price.ModelPrice;
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

    /**
     * What to reserve at decide for one request to a model: tokens = prompt + output allowance ({@code max_tokens}
     * or the declared estimate), cost = the prompt at the full input price (no cache discount assumed) + the
     * allowance at the output price, and one request.
     */
    public static Usage reservation(ModelPrice price, long promptTokens, long outputAllowance) {
        return new Usage(Money.saturatingAdd(promptTokens, outputAllowance),
                price.costNanoUsd(promptTokens, 0, outputAllowance), 1);
    }

    /**
     * What a completed request really used: tokens = all three kinds, cost priced per kind (cached prompt tokens
     * at the cache-read price), one request. The counts are disjoint; see {@link ModelPrice#costNanoUsd}.
     */
    public static Usage actual(ModelPrice price, long inputTokens, long cachedInputTokens, long outputTokens) {
        return new Usage(Money.saturatingAdd(Money.saturatingAdd(inputTokens, cachedInputTokens), outputTokens),
                price.costNanoUsd(inputTokens, cachedInputTokens, outputTokens), 1);
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
