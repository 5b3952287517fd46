package io.llmpolicy.plugin;

import org.pf4j.ExtensionPoint;

/**
 * Extension point for eval scorers: scores a model output (relevance, toxicity, agreement with a reference...).
 * Policies reference the scorer by {@link #id()} in {@code eval} rules; the engine runs scorers off the request
 * path, sampled as the policy says.
 *
 * <p>Threading: thread-safe; called concurrently. A scorer that calls a remote model (LLM-as-judge) should honour
 * interruption, because the host abandons calls that pass their time-out.
 */
public interface EvalScorer extends ExtensionPoint {

    /** The scorer id used in policies, for example {@code acme.politeness}. Stable across versions. */
    String id();

    /** Scores one output. */
    Score score(ScoreInput input);
}
