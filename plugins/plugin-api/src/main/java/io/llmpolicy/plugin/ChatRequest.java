package io.llmpolicy.plugin;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A chat completion request as the engine hands it to a provider. Immutable.
 *
 * @param model       the provider's model id (for example {@code gpt-4o}, {@code claude-sonnet-4})
 * @param messages    the conversation, oldest first; not empty
 * @param maxTokens   the output token limit, if the request sets one
 * @param temperature the sampling temperature, if the request sets one
 */
public record ChatRequest(String model, List<ChatMessage> messages, OptionalInt maxTokens, OptionalDouble temperature) {

    public ChatRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        messages = List.copyOf(messages);
        maxTokens = maxTokens == null ? OptionalInt.empty() : maxTokens;
        temperature = temperature == null ? OptionalDouble.empty() : temperature;
        if (maxTokens.isPresent() && maxTokens.getAsInt() <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens.getAsInt());
        }
    }

    /** A request without output limit or temperature. */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, OptionalInt.empty(), OptionalDouble.empty());
    }

    public ChatRequest withMaxTokens(int maxTokens) {
        return new ChatRequest(model, messages, OptionalInt.of(maxTokens), temperature);
    }

    public ChatRequest withTemperature(double value) {
        return new ChatRequest(model, messages, maxTokens, OptionalDouble.of(value));
    }

    public ChatRequest withModel(String otherModel) {
        return new ChatRequest(otherModel, messages, maxTokens, temperature);
    }
}
