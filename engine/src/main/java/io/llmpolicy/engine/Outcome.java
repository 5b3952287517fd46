package io.llmpolicy.engine;

import java.util.List;

/**
 * What {@link PolicyEngine#complete} settled for a finished request.
 *
 * @param costNanoUsd the settled cost of the call in nano-USD (0 for a failed call)
 * @param budgets     budget counters after settlement
 */
public record Outcome(String requestId, boolean success, String errorClass, long costNanoUsd, long inputTokens,
                      long outputTokens, long cachedInputTokens, long latencyMillis, List<BudgetState> budgets) {

    /** The cost in US dollars (for display; sums use {@link #costNanoUsd()}). */
    public double costUsd() {
        return costNanoUsd / 1e9;
    }
}
