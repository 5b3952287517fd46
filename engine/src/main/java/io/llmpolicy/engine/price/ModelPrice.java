package io.llmpolicy.engine.price;

/**
 * What one model costs and how much it can take, in exact integer units. Immutable and thread-safe.
 *
 * @param inputPicoPerToken       price of a prompt token that was not served from the provider's cache
 * @param cachedInputPicoPerToken price of a prompt token read from the provider's prompt cache (equal to the input
 *                                price when the provider gives no cache discount)
 * @param outputPicoPerToken      price of a generated token (reasoning tokens included, as providers bill them)
 * @param contextWindow           most prompt tokens the model accepts, or {@link #UNKNOWN}
 * @param maxOutputTokens         most tokens the model generates in one response, or {@link #UNKNOWN}
 */
public record ModelPrice(long inputPicoPerToken, long cachedInputPicoPerToken, long outputPicoPerToken,
                         int contextWindow, int maxOutputTokens) {

    /** Marks a context window or output limit the source did not state: such a model is never skipped for size. */
    public static final int UNKNOWN = 0;

    public ModelPrice {
        if (inputPicoPerToken < 0 || cachedInputPicoPerToken < 0 || outputPicoPerToken < 0) {
            throw new IllegalArgumentException("prices must be >= 0 pico-USD per token, got input=" + inputPicoPerToken
                    + " cached_input=" + cachedInputPicoPerToken + " output=" + outputPicoPerToken);
        }
        if (contextWindow < 0 || maxOutputTokens < 0) {
            throw new IllegalArgumentException("context window and max output tokens must be >= 0 (0 = unknown), got "
                    + contextWindow + " and " + maxOutputTokens);
        }
    }

    /** A price with no cache discount and unknown limits. */
    public static ModelPrice of(long inputPicoPerToken, long outputPicoPerToken) {
        return new ModelPrice(inputPicoPerToken, inputPicoPerToken, outputPicoPerToken, UNKNOWN, UNKNOWN);
    }

    /**
     * Cost in nano-USD of one request. The three counts are disjoint: {@code inputTokens} are the prompt tokens
     * billed at the full input price, {@code cachedInputTokens} those billed at the cache-read price. (OpenAI's
     * {@code prompt_tokens} includes its {@code cached_tokens}; subtract them before calling. Anthropic's
     * {@code input_tokens} already excludes {@code cache_read_input_tokens}.) Each kind is rounded up to a whole
     * nano-USD separately, then summed; the result saturates at {@link Long#MAX_VALUE}.
     */
    public long costNanoUsd(long inputTokens, long cachedInputTokens, long outputTokens) {
        long input = Money.costNanoUsd(inputTokens, inputPicoPerToken);
        long cached = Money.costNanoUsd(cachedInputTokens, cachedInputPicoPerToken);
        long output = Money.costNanoUsd(outputTokens, outputPicoPerToken);
        return Money.saturatingAdd(Money.saturatingAdd(input, cached), output);
    }

    /** Whether a prompt of {@code promptTokens} fits the context window; always true when the window is unknown. */
    public boolean fitsContext(long promptTokens) {
        return contextWindow == UNKNOWN || promptTokens <= contextWindow;
    }

    /** Whether the model can generate {@code outputTokens} in one response; always true when unknown. */
    public boolean allowsOutput(long outputTokens) {
        return maxOutputTokens == UNKNOWN || outputTokens <= maxOutputTokens;
    }
}
