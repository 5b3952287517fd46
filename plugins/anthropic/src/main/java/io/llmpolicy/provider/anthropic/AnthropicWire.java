package io.llmpolicy.provider.anthropic;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmpolicy.plugin.ChatMessage;
import io.llmpolicy.plugin.ChatRequest;
import io.llmpolicy.plugin.ChatResponse;
import io.llmpolicy.plugin.FinishReason;
import io.llmpolicy.plugin.Usage;
import io.llmpolicy.plugin.http.ProviderReplies;
import java.time.Duration;

/** The Messages API JSON: request bodies, whole messages and stream events. Stateless apart from {@link StreamState}. */
final class AnthropicWire {
    static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicWire() {}

    /** System messages go to the top-level {@code system} field (joined by blank lines); the rest in order. */
    static String requestBody(ChatRequest request, int defaultMaxTokens, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens().orElse(defaultMaxTokens));
        StringBuilder system = new StringBuilder();
        ArrayNode messages = JSON.createArrayNode();
        for (ChatMessage m : request.messages()) {
            if (m.role() == ChatMessage.Role.SYSTEM) {
                system.append(system.isEmpty() ? "" : "\n\n").append(m.content());
            } else {
                messages.addObject().put("role", m.role().wireName()).put("content", m.content());
            }
        }
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        body.set("messages", messages);
        request.temperature().ifPresent(t -> body.put("temperature", t));
        if (stream) {
            body.put("stream", true);
        }
        return body.toString();
    }

    static ChatResponse parseMessage(String body, ChatRequest request, Duration latency) {
        JsonNode root = readJson(body);
        if (!root.path("content").isArray()) {
            throw ProviderReplies.malformed("response has no content array: " + ProviderReplies.excerpt(body), null);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : root.get("content")) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText(""));
            }
        }
        return new ChatResponse(root.path("id").asText(""), root.path("model").asText(request.model()),
                text.toString(), finishReason(root.path("stop_reason").asText("")), usage(root.path("usage")),
                latency, false);
    }

    static JsonNode readJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw ProviderReplies.malformed("expected a JSON object but got: " + ProviderReplies.excerpt(text), null);
            }
            return node;
        } catch (JacksonException e) {
            throw ProviderReplies.malformed("malformed JSON: " + ProviderReplies.excerpt(text), e);
        }
    }

    static FinishReason finishReason(String wire) {
        return switch (wire) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /** Anthropic counts cache reads and writes apart from {@code input_tokens}; we fold them in (see {@link Usage}). */
    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return Usage.ZERO;
        }
        long read = Math.max(0, u.path("cache_read_input_tokens").asLong(0));
        long write = Math.max(0, u.path("cache_creation_input_tokens").asLong(0));
        long in = Math.max(0, u.path("input_tokens").asLong(0)) + read + write;
        return new Usage(in, Math.max(0, u.path("output_tokens").asLong(0)), read);
    }

    /** Accumulates one stream; synchronized because events and the final read happen on different threads. */
    static final class StreamState {
        private final StringBuilder text = new StringBuilder();
        private String id = "";
        private String model;
        private FinishReason finish = FinishReason.OTHER;
        private JsonNode startUsage;
        private long outputTokens;
        private JsonNode finalUsage;
        private boolean done;

        StreamState(String requestedModel) {
            this.model = requestedModel;
        }

        /** Folds one event in and returns its new text ({@code ""} when none). */
        synchronized String accept(JsonNode event) {
            switch (event.path("type").asText()) {
                case "message_start" -> {
                    JsonNode m = event.path("message");
                    id = m.path("id").asText(id);
                    model = m.path("model").asText(model);
                    startUsage = m.path("usage");
                    outputTokens = startUsage.path("output_tokens").asLong(0);
                }
                case "content_block_delta" -> {
                    JsonNode delta = event.path("delta");
                    if ("text_delta".equals(delta.path("type").asText())) {
                        String t = delta.path("text").asText("");
                        text.append(t);
                        return t;
                    }
                }
                case "message_delta" -> {
                    if (event.path("delta").hasNonNull("stop_reason")) {
                        finish = finishReason(event.path("delta").get("stop_reason").asText());
                    }
                    if (event.path("usage").isObject()) {
                        finalUsage = event.get("usage");
                        outputTokens = finalUsage.path("output_tokens").asLong(outputTokens);
                    }
                }
                case "message_stop" -> done = true;
                default -> { /* ping, content_block_start/stop: nothing to fold in */ }
            }
            return "";
        }

        synchronized boolean isDone() {
            return done;
        }

        synchronized int textLength() {
            return text.length();
        }

        /** Input counts come from message_start unless message_delta repeats them (newer API versions do). */
        synchronized ChatResponse toResponse(Duration latency) {
            ObjectNode merged = JSON.createObjectNode();
            if (startUsage != null && startUsage.isObject()) {
                merged.setAll((ObjectNode) startUsage);
            }
            if (finalUsage != null) {
                finalUsage.properties().forEach(e -> {
                    if (!e.getValue().isNull()) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
            }
            merged.put("output_tokens", outputTokens);
            return new ChatResponse(id, model, text.toString(), finish, usage(merged), latency, false);
        }
    }
}
