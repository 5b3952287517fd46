package io.llmpolicy.eval;

/**
 * A scorer supplied by a plugin (for example an LLM-as-judge or a classifier). The engine adapts each plugin
 * scorer to this interface and wraps it in a {@link ScorerCheck}.
 *
 * <p>Threading: {@link #score} may be called from several threads at once; an implementation that is not
 * thread-safe must synchronise itself. A slow scorer (a remote judge) should be run by the engine off the request
 * thread; this module calls it synchronously.
 */
@FunctionalInterface
public interface Scorer {

    /**
     * Scores one answer. May throw; {@link ScorerCheck} turns the exception into a failed result whose explanation
     * names the scorer.
     */
    Score score(EvalInput input) throws Exception;
}
