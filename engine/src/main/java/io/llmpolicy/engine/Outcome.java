package io.llmpolicy.engine;

import java.util.List;

/**
 * What {@link PolicyEngine#complete} settled for a finished request.
 *
 * @param costNanoUsd the settled cost of the call in nano-USD (0 for a failed call)
 * @param budgets     budget counters after settlement
 * @param findings    what the output guardrails found
 * @param output      the answer as the client may see it (redacted), or null when blocked or failed
 * @param blocked     the deny reason when an output guardrail blocked the answer, else null
 * @param evals       results of the online evals that sampled this request (none for evals that skipped it)
 */
public record Outcome(String requestId, boolean success, String errorClass, long costNanoUsd, long inputTokens,
                      long outputTokens, long cachedInputTokens, long latencyMillis, List<BudgetState> budgets,
                      List<GuardFinding> findings, String output, String blocked, List<EvalResult> evals) {

    /** The cost in US dollars (for display; sums use {@link #costNanoUsd()}). */
    public double costUsd() {
        return costNanoUsd / 1e9;
    }
}
