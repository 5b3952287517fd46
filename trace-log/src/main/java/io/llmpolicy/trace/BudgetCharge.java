package io.llmpolicy.trace;

/**
 * An amount counted against one budget by one request: enough to rebuild budget state from the trace after a
 * restart. Immutable, thread-safe.
 *
 * @param budget budget name as declared in the policy
 * @param key    the budget's partition key for this request (for example the team or user), may be empty
 * @param amount amount charged in {@code unit}; negative for a release or refund
 * @param unit   unit of {@code amount}: {@value #NANO_USD}, {@value #TOKENS} or {@value #REQUESTS} (or a
 *               unit a plugin defines)
 */
public record BudgetCharge(String budget, String key, long amount, String unit) {

    /** Money in nano-USD: 1 USD = 1_000_000_000. */
    public static final String NANO_USD = "nano_usd";
    /** Tokens (input plus output unless the budget says otherwise). */
    public static final String TOKENS = "tokens";
    /** Request count. */
    public static final String REQUESTS = "requests";

    public BudgetCharge {
        if (budget == null || budget.isEmpty()) {
            throw new IllegalArgumentException("budget charge needs a budget name");
        }
        if (unit == null || unit.isEmpty()) {
            throw new IllegalArgumentException("budget charge for '" + budget + "' needs a unit");
        }
    }
}
