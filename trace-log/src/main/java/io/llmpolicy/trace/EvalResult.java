package io.llmpolicy.trace;

/**
 * The outcome of one evaluation (scorer) run on a response. Immutable, thread-safe.
 *
 * @param name        evaluation name ({@code gen_ai.evaluation.name})
 * @param score       numeric score ({@code gen_ai.evaluation.score.value}); {@link Double#NaN} when the scorer
 *                    gives only a label
 * @param label       human-readable label ({@code gen_ai.evaluation.score.label}), may be null
 * @param explanation free-form explanation ({@code gen_ai.evaluation.explanation}), may be null
 * @param passed      whether the score met the policy's threshold; null when the eval has no threshold
 */
public record EvalResult(String name, double score, String label, String explanation, Boolean passed) {

    public EvalResult {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("eval result needs a name");
        }
    }

}
