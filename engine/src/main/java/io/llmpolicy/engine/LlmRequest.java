package io.llmpolicy.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One LLM request as the engine sees it. Immutable; build with {@link #builder(String)}.
 *
 * <p>{@code metadata} carries the attributes the policy's request schema declares ({@code team}, {@code user},
 * {@code tags}...); keys the schema does not declare are ignored. Values are JSON-like: strings, numbers, booleans,
 * lists; they are converted to the declared types once, when the request is first decided (a value of the wrong
 * type is an {@link InvalidRequestException} naming the attribute).
 *
 * @param timestamp when the request happened, or null to use the engine's clock (replays pass the recorded time)
 * @param maxTokens the request's max_tokens, or -1 when absent
 * @param inputTokens the prompt's token count when the caller already knows it (a gateway that tokenized it), or
 *                    -1 to let the engine count it when a rule or budget needs it
 */
public record LlmRequest(String id, Instant timestamp, String model, List<Message> messages, long maxTokens,
                         Map<String, Object> metadata, long inputTokens) {

    public LlmRequest {
        Objects.requireNonNull(id, "id");
        messages = List.copyOf(messages);
        if (metadata == null) {
            metadata = Map.of();
        } else {
            java.util.LinkedHashMap<String, Object> copy = new java.util.LinkedHashMap<>(metadata);
            copy.replaceAll((k, v) -> v instanceof List<?> l ? java.util.Collections.unmodifiableList(new java.util.ArrayList<>(l)) : v);
            metadata = java.util.Collections.unmodifiableMap(copy);
        }
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The text of all messages, joined by newlines: what {@code prompt} means in a policy. */
    public String prompt() {
        return joined(messages);
    }

    /** The contents of {@code messages} joined by newlines (the prompt of a request with these messages). */
    static String joined(List<Message> messages) {
        if (messages.size() == 1) return messages.get(0).content();
        StringBuilder s = new StringBuilder();
        for (Message m : messages) {
            if (!s.isEmpty()) s.append('\n');
            s.append(m.content());
        }
        return s.toString();
    }

    /** A builder; not thread-safe. */
    public static final class Builder {
        private final String id;
        private Instant timestamp;
        private String model;
        private final java.util.ArrayList<Message> messages = new java.util.ArrayList<>();
        private long maxTokens = -1;
        private long inputTokens = -1;
        private final java.util.LinkedHashMap<String, Object> metadata = new java.util.LinkedHashMap<>();

        private Builder(String id) {
            this.id = id;
        }

        public Builder timestamp(Instant t) { this.timestamp = t; return this; }
        public Builder model(String m) { this.model = m; return this; }
        public Builder message(String role, String content) { messages.add(new Message(role, content)); return this; }
        public Builder user(String content) { return message("user", content); }
        public Builder system(String content) { return message("system", content); }
        public Builder messages(List<Message> list) { messages.addAll(list); return this; }
        public Builder maxTokens(long n) { this.maxTokens = n; return this; }
        /** The prompt's token count, when already known (skips counting in the engine). */
        public Builder inputTokens(long n) { this.inputTokens = n; return this; }
        public Builder attribute(String name, Object value) { metadata.put(name, value); return this; }
        public Builder metadata(Map<String, ?> values) { metadata.putAll(values); return this; }

        public LlmRequest build() {
            return new LlmRequest(id, timestamp, model, messages, maxTokens, metadata, inputTokens);
        }
    }
}
