package io.llmpolicy.engine.budget;

/**
 * A reservation that did not fit. Reports the first dimension (tokens, then cost, then requests) that was over.
 *
 * @param key       the counter
 * @param dimension the dimension that did not fit
 * @param used      usage counted in the current window before this request
 * @param requested what the request asked to reserve in that dimension
 * @param limit     the limit of that dimension
 */
public record Rejected(BudgetKey key, BudgetDimension dimension, long used, long requested, long limit)
        implements ReserveResult {
}
