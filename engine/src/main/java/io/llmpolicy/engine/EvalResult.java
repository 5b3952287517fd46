package io.llmpolicy.engine;

/**
 * One assertion of an online eval on one answer, named like the OpenTelemetry {@code gen_ai.evaluation.result} event.
 *
 * @param score 1 or 0 for a pass or a fail (assertions are conditions)
 * @param label {@code pass} or {@code fail}
 */
public record EvalResult(String eval, String assertion, boolean pass, double score, String label) {}
