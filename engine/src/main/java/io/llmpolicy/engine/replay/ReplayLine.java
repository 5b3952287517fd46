package io.llmpolicy.engine.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmpolicy.engine.LlmRequest;
import io.llmpolicy.engine.LlmResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One line of a replay or dataset file:
 * {@code {"id", "timestamp", "model", "messages": [{"role","content"}], "max_tokens", "metadata": {...},
 * "response": {"status", "content", "latency_ms", "model", "usage": {"input_tokens","output_tokens","cached_input_tokens"}}}}.
 * Everything but {@code id} is optional.
 */
public record ReplayLine(LlmRequest request, LlmResponse response, String expected) {

    /** A line that cannot be read; the message says which field and why. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    public static ReplayLine parse(JsonNode node) throws Malformed {
        if (!node.isObject()) throw new Malformed("expected a JSON object");
        JsonNode id = node.get("id");
        if (id == null || !id.isValueNode() || id.asText().isEmpty()) throw new Malformed("missing \"id\"");
        LlmRequest.Builder b = LlmRequest.builder(id.asText());
        JsonNode ts = node.get("timestamp");
        if (ts != null && !ts.isNull()) {
            try {
                b.timestamp(ts.isNumber() ? Instant.ofEpochMilli(ts.asLong()) : Instant.parse(ts.asText()));
            } catch (DateTimeParseException e) {
                throw new Malformed("\"timestamp\" is not an ISO-8601 instant: " + ts.asText());
            }
        }
        if (node.hasNonNull("model")) b.model(node.get("model").asText());
        JsonNode messages = node.get("messages");
        if (messages != null && !messages.isNull()) {
            if (!messages.isArray()) throw new Malformed("\"messages\" must be an array");
            for (JsonNode m : messages) {
                if (!m.isObject()) throw new Malformed("each message must be an object with role and content");
                b.message(m.path("role").asText("user"), m.path("content").asText(""));
            }
        }
        if (node.hasNonNull("max_tokens")) {
            if (!node.get("max_tokens").canConvertToLong()) throw new Malformed("\"max_tokens\" must be a whole number");
            b.maxTokens(node.get("max_tokens").asLong());
        }
        if (node.hasNonNull("input_tokens")) b.inputTokens(node.get("input_tokens").asLong());
        JsonNode metadata = node.get("metadata");
        if (metadata != null && !metadata.isNull()) {
            if (!metadata.isObject()) throw new Malformed("\"metadata\" must be an object");
            for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.attribute(e.getKey(), plain(e.getValue()));
            }
        }
        LlmResponse response = null;
        JsonNode r = node.get("response");
        if (r != null && !r.isNull()) {
            if (!r.isObject()) throw new Malformed("\"response\" must be an object");
            JsonNode usage = r.path("usage");
            String error = r.hasNonNull("error") ? r.get("error").asText() : null;
            response = new LlmResponse(r.path("status").asInt(error == null ? 200 : 500), r.path("content").asText(""),
                    r.hasNonNull("model") ? r.get("model").asText() : null, usage.path("input_tokens").asLong(0),
                    usage.path("output_tokens").asLong(0), usage.path("cached_input_tokens").asLong(0),
                    r.path("latency_ms").asLong(-1), error, r.path("retry_after_ms").asLong(-1));
        }
        String expected = node.hasNonNull("expected") ? node.get("expected").asText() : null;
        return new ReplayLine(b.build(), response, expected);
    }

    static Object plain(JsonNode v) {
        if (v.isTextual()) return v.asText();
        if (v.isIntegralNumber()) return v.asLong();
        if (v.isNumber()) return v.asDouble();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            for (JsonNode item : v) out.add(plain(item));
            return out;
        }
        if (v.isNull()) return null;
        return v.toString();
    }
}
