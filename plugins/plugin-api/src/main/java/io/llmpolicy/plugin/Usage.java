package io.llmpolicy.plugin;

/**
 * Token usage of one call, as the provider reported it. Immutable.
 *
 * <p>{@code inputTokens} counts every prompt token, cached ones included; {@code cachedInputTokens} is the part
 * served from the provider's prompt cache (billed at the cached price). Providers whose wire format counts them
 * separately (Anthropic) are normalised to this meaning.
 *
 * @param inputTokens       prompt tokens, cached included
 * @param outputTokens      generated tokens
 * @param cachedInputTokens prompt tokens read from cache; at most {@code inputTokens}
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: " + inputTokens + "/"
                    + outputTokens + "/" + cachedInputTokens);
        }
        if (cachedInputTokens > inputTokens) {
            throw new IllegalArgumentException("cached input tokens (" + cachedInputTokens
                    + ") exceed input tokens (" + inputTokens + ")");
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
