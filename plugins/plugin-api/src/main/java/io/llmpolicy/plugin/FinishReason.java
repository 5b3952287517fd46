package io.llmpolicy.plugin;

/** Why the model stopped producing output, normalised across wire formats. */
public enum FinishReason {
    /** A natural end or a stop sequence (OpenAI {@code stop}, Anthropic {@code end_turn}/{@code stop_sequence}). */
    STOP,
    /** The output token limit was reached (OpenAI {@code length}, Anthropic {@code max_tokens}). */
    LENGTH,
    /** Output was withheld or cut by a content filter (OpenAI {@code content_filter}, Anthropic {@code refusal}). */
    CONTENT_FILTER,
    /** The model asked to call a tool. */
    TOOL_CALLS,
    /** Anything else, or not reported. */
    OTHER
}
