package io.llmpolicy.provider.openai;

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

/** The Chat Completions JSON: request bodies, whole responses and stream chunks. Stateless apart from {@link StreamState}. */
final class OpenAiWire {
    static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiWire() {}

    static String requestBody(ChatRequest request, OpenAiSettings settings, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        request.maxTokens().ifPresent(n -> body.put(settings.maxTokensField(), n));
        request.temperature().ifPresent(t -> body.put("temperature", t));
        if (stream) {
            body.put("stream", true);
            if (settings.streamUsage()) {
                body.putObject("stream_options").put("include_usage", true);
            }
        }
        return body.toString();
    }

    static ChatResponse parseCompletion(String body, ChatRequest request, Duration latency) {
        JsonNode root = readJson(body);
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw ProviderReplies.malformed("response has no choices", null);
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        FinishReason finish = finishReason(choice.path("finish_reason").asText(""));
        if (message.hasNonNull("refusal") && !message.hasNonNull("content")) {
            finish = FinishReason.CONTENT_FILTER;
        }
        return new ChatResponse(root.path("id").asText(""), root.path("model").asText(request.model()),
                message.path("content").asText(""), finish, usage(root.path("usage")), latency, false);
    }

    /** Parses JSON from the provider; anything unreadable is the server's fault. */
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
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            default -> FinishReason.OTHER;
        };
    }

    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return Usage.ZERO;
        }
        long in = Math.max(0, u.path("prompt_tokens").asLong(0));
        long out = Math.max(0, u.path("completion_tokens").asLong(0));
        long cached = Math.max(0, u.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        return new Usage(in, out, Math.min(cached, in));
    }

    /**
     * Accumulates one stream. Events arrive sequentially on HTTP client threads and the result is read on
     * another, so access is synchronized (uncontended: one stream, one writer).
     */
    static final class StreamState {
        private final StringBuilder text = new StringBuilder();
        private String id = "";
        private String model;
        private FinishReason finish = FinishReason.OTHER;
        private Usage usage = Usage.ZERO;
        private boolean done;

        StreamState(String requestedModel) {
            this.model = requestedModel;
        }

        /** Folds one chunk in and returns its new text ({@code ""} when none). */
        synchronized String accept(JsonNode chunk) {
            if (chunk.hasNonNull("id")) {
                id = chunk.get("id").asText();
            }
            if (chunk.hasNonNull("model")) {
                model = chunk.get("model").asText();
            }
            if (chunk.hasNonNull("usage")) {
                usage = usage(chunk.get("usage"));
            }
            StringBuilder delta = new StringBuilder();
            for (JsonNode choice : chunk.path("choices")) {
                if (choice.path("index").asInt(0) != 0) {
                    continue;
                }
                JsonNode content = choice.path("delta").path("content");
                if (content.isTextual()) {
                    delta.append(content.asText());
                }
                if (choice.hasNonNull("finish_reason")) {
                    finish = finishReason(choice.get("finish_reason").asText());
                }
            }
            text.append(delta);
            return delta.toString();
        }

        synchronized void done() {
            done = true;
        }

        synchronized boolean isDone() {
            return done;
        }

        synchronized int textLength() {
            return text.length();
        }

        synchronized ChatResponse toResponse(Duration latency) {
            return new ChatResponse(id, model, text.toString(), finish, usage, latency, false);
        }
    }
}
