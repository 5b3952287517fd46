package io.llmpolicy.eval;

/**
 * One check on an answer. The engine compiles each assertion of a policy's {@code eval} rule into one of these
 * once; {@link #evaluate} then runs per sampled request.
 *
 * <p>Threading: every implementation is immutable and {@link #evaluate} is safe to call from any number of threads
 * at once. {@link ScorerCheck} is as thread-safe as the plugin scorer it wraps.
 */
public sealed interface Assertion
        permits Contains, ContainsIgnoreCase, StartsWith, MatchesRegex, EqualsText, IsJson, ContainsJson,
                MatchesJsonSchema, LevenshteinCheck, RougeCheck, BleuCheck, LatencyAtMost, CostAtMost,
                ScorerCheck, Not {

    /** The policy-language word for this kind of check, for example {@code contains} or {@code rouge-n}. */
    String kind();

    /**
     * A short, stable, human-readable label including the arguments, for example {@code contains "refund"} or
     * {@code bleu >= 0.4}. Reports and decisions name assertions by it.
     */
    String describe();

    /** Checks one answer. Never throws for any input; failures carry an explanation. */
    AssertionResult evaluate(EvalInput input);
}
