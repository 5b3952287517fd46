package io.llmpolicy.engine;

/**
 * A budget counter as a decision saw it.
 *
 * @param key        the scope values joined by {@code /} ({@code ""} for a global budget)
 * @param dimension  {@code usd}, {@code tokens} or {@code requests}: the limit closest to being reached
 * @param spent      usage in that dimension in the current window, this request's reservation included
 *                   (nano-USD for money)
 * @param limit      the limit in that dimension
 * @param state      {@code ok}, {@code alert} (an alert threshold is reached), {@code exceeded}
 */
public record BudgetState(String name, String key, String window, String dimension, long spent, long limit, String state) {

    /** Spent as a share of the limit, in percent. */
    public double percent() {
        return limit <= 0 ? 100.0 : 100.0 * spent / limit;
    }
}
