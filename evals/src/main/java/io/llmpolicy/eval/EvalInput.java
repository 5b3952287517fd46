package io.llmpolicy.eval;

import java.util.Objects;

/**
 * What an assertion looks at: the model's answer and what is known about the request that produced it.
 *
 * <p>Immutable and thread-safe. Optional text fields are {@code null} when absent; a negative {@code latencyMs} or
 * {@code costNanoUsd} means "not recorded", and the latency and cost assertions fail with an explanation rather
 * than guessing.
 *
 * @param output      the answer text (never null; an answer without text is {@code ""})
 * @param expected    the reference answer, or {@code null}; assertions that compare with a reference use it when
 *                    they were not given a literal one
 * @param latencyMs   end-to-end latency in milliseconds, or {@code -1}
 * @param costNanoUsd cost in nano-USD (10<sup>-9</sup> USD), or {@code -1}
 * @param requestId   the request id (used for sampling and in reports; never null, may be {@code ""})
 * @param input       the prompt text the answer responds to (the last user message), or {@code null}
 * @param attachment  an opaque object the embedder passes through to its own {@link Scorer}s, or {@code null}; for
 *                    example the engine's request, so a plugin scorer adapter can see the whole conversation. The
 *                    offline runner attaches the {@code GoldenRecord}. No built-in assertion reads it.
 */
public record EvalInput(String output, String expected, long latencyMs, long costNanoUsd, String requestId,
                        String input, Object attachment) {

    /** Value of {@link #latencyMs()} and {@link #costNanoUsd()} when the quantity was not recorded. */
    public static final long UNKNOWN = -1;

    public EvalInput {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(requestId, "requestId");
        if (latencyMs < 0) latencyMs = UNKNOWN;
        if (costNanoUsd < 0) costNanoUsd = UNKNOWN;
    }

    /** An input with only the answer text; everything else absent. */
    public static EvalInput of(String output) {
        return new EvalInput(output, null, UNKNOWN, UNKNOWN, "", null, null);
    }

    public EvalInput withExpected(String newExpected) {
        return new EvalInput(output, newExpected, latencyMs, costNanoUsd, requestId, input, attachment);
    }

    public EvalInput withLatencyMs(long newLatencyMs) {
        return new EvalInput(output, expected, newLatencyMs, costNanoUsd, requestId, input, attachment);
    }

    public EvalInput withCostNanoUsd(long newCostNanoUsd) {
        return new EvalInput(output, expected, latencyMs, newCostNanoUsd, requestId, input, attachment);
    }

    public EvalInput withRequestId(String newRequestId) {
        return new EvalInput(output, expected, latencyMs, costNanoUsd, newRequestId, input, attachment);
    }

    public EvalInput withAttachment(Object newAttachment) {
        return new EvalInput(output, expected, latencyMs, costNanoUsd, requestId, input, newAttachment);
    }

    public EvalInput withInput(String newInput) {
        return new EvalInput(output, expected, latencyMs, costNanoUsd, requestId, newInput, attachment);
    }
}
