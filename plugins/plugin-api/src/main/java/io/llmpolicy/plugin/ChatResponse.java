package io.llmpolicy.plugin;

import java.time.Duration;
import java.util.Objects;

/**
 * A completed chat call (whole, or a stream once it has ended). Immutable.
 *
 * @param id               the provider's response id, or {@code ""}
 * @param model            the model that answered, as the provider reports it
 * @param text             the generated text (for a stream, every chunk concatenated)
 * @param finishReason     why generation stopped
 * @param usage            token usage; {@link Usage#ZERO} when the provider did not report it
 * @param latency          time from sending the request to the end of the response; for a provider with
 *                         simulated latency (the mock) the simulated value
 * @param latencySimulated whether {@code latency} was simulated rather than measured
 */
public record ChatResponse(String id, String model, String text, FinishReason finishReason, Usage usage,
                           Duration latency, boolean latencySimulated) {

    public ChatResponse {
        id = id == null ? "" : id;
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
    }
}
