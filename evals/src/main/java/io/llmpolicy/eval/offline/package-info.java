/**
 * The offline half of evals: reading a golden dataset (JSONL) and running evals over it into an
 * {@link io.llmpolicy.eval.report.EvalReport}. Comparison with a baseline and rendering live in
 * {@code io.llmpolicy.eval.report}.
 */
package io.llmpolicy.eval.offline;
