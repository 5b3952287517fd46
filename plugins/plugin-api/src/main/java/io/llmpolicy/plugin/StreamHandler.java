package io.llmpolicy.plugin;

/**
 * Receives the text of a streamed completion as it arrives.
 *
 * <p>Threading: a provider calls {@link #onText} for one stream sequentially (never concurrently), in order, on
 * a thread of its choosing (usually its HTTP client's); the handler must return quickly. To stop a stream early
 * (for example when an output guardrail blocks it), cancel the future that
 * {@link ModelProvider#stream(ChatRequest, CallOptions, StreamHandler)} returned; no further text is delivered
 * after the cancellation is observed. A handler should not throw: if it does, the provider cancels the stream and
 * completes the future exceptionally with that exception.
 */
@FunctionalInterface
public interface StreamHandler {

    /** A non-empty piece of generated text. */
    void onText(String text);
}
