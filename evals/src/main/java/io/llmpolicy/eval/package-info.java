/**
 * Evals: assertions over an LLM answer, deterministic sampling, and the shared vocabulary of the online monitor
 * ({@code io.llmpolicy.eval.online}) and the offline golden-dataset runner ({@code io.llmpolicy.eval.offline},
 * {@code io.llmpolicy.eval.report}).
 *
 * <p>Data flows in this order: an {@link io.llmpolicy.eval.EvalInput} (the answer, the optional expected text,
 * latency, cost) is checked by each {@link io.llmpolicy.eval.Assertion} of an {@link io.llmpolicy.eval.Eval},
 * giving one {@link io.llmpolicy.eval.AssertionResult} per assertion. Metrics with a standard definition (BLEU,
 * ROUGE-N, Levenshtein) live in {@code io.llmpolicy.eval.metric}; the statistics of reports in
 * {@code io.llmpolicy.eval.stats}. This module knows nothing of the policy language or the engine: the engine
 * compiles {@code eval} rules into these types.
 */
package io.llmpolicy.eval;
