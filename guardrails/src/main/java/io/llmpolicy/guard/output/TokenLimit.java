package io.llmpolicy.guard.output;

import io.llmpolicy.guard.Finding;
import io.llmpolicy.guard.TokenCounter;
import java.util.Objects;
import java.util.Optional;

/**
 * A size guardrail: a text with more than {@code maxTokens} tokens (as counted by the configured
 * {@link TokenCounter}) yields one {@link Finding#SIZE} finding spanning the whole text, labelled with the limit.
 *
 * <p>Immutable and thread-safe when the counter is.
 */
public final class TokenLimit {
    private final int maxTokens;
    private final TokenCounter counter;
    private final String label;

    /**
     * @param maxTokens largest allowed count (at least 0)
     * @param counter   the engine's tokenizer, or {@link TokenCounter#estimate()}
     */
    public TokenLimit(int maxTokens, TokenCounter counter) {
        if (maxTokens < 0) throw new IllegalArgumentException("maxTokens must not be negative");
        this.maxTokens = maxTokens;
        this.counter = Objects.requireNonNull(counter, "counter");
        this.label = "more than " + maxTokens + " tokens";
    }

    /** The finding when {@code text} is over the limit. */
    public Optional<Finding> check(String text) {
        int tokens = counter.count(text);
        if (tokens <= maxTokens) return Optional.empty();
        return Optional.of(new Finding(Finding.SIZE, 0, text.codePointCount(0, text.length()), label));
    }
}
