package io.llmpolicy.engine.budget;

/**
 * Usage of a budget key reached an alert threshold.
 *
 * @param key               the counter
 * @param dimension         the limited dimension that reached the threshold
 * @param thresholdBps      the threshold in basis points of the limit (8000 = 80 %)
 * @param used              usage after the operation that reached it
 * @param limit             the limit in that dimension
 * @param windowStartMillis start of the window it fired in (rolling windows: start of the oldest counted bucket)
 * @param atMillis          the operation's time
 */
public record BudgetAlert(BudgetKey key, BudgetDimension dimension, int thresholdBps, long used, long limit,
                          long windowStartMillis, long atMillis) {
}
