package io.llmpolicy.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmpolicy.plugin.ErrorClass;
import io.llmpolicy.plugin.ProviderException;
import io.llmpolicy.plugin.http.HttpReply;
import io.llmpolicy.plugin.http.ProviderReplies;
import io.llmpolicy.plugin.http.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies OpenAI-style error responses. The status decides first; the body refines 4xx answers, because
 * servers disagree on status codes for context-length and content-filter errors (OpenAI and vLLM answer 400,
 * Azure 400 with {@code code: content_filter}). Error bodies seen in the wild:
 * {@code {"error":{"message","type","code"}}} (OpenAI, Azure, Groq, Ollama, OpenRouter with a numeric code) and
 * {@code {"object":"error","message","type","code"}} (vLLM).
 */
final class OpenAiErrors {
    private static final Set<String> CONTEXT_CODES = Set.of("context_length_exceeded", "string_above_max_length");
    private static final Set<String> FILTER_CODES = Set.of("content_filter", "content_policy_violation",
            "responsibleaipolicyviolation");
    private static final Pattern CONTEXT_MESSAGE = Pattern.compile(
            "maximum context length|context length|context window|too many tokens|prompt is too long");
    private static final Pattern FILTER_MESSAGE = Pattern.compile("content management policy|content filter|content_filter");

    private final String endpoint;
    private final Clock clock;

    OpenAiErrors(String endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    ProviderException fromReply(HttpReply reply) {
        int status = reply.status();
        if (status < 400) {
            return new ProviderException(ErrorClass.SERVER_ERROR, status, null, "unexpected_status",
                    "endpoint '" + endpoint + "': unexpected HTTP " + status, null);
        }
        Detail d = detail(reply.body());
        ErrorClass c = ErrorClass.forHttpStatus(status);
        if (status >= 400 && status < 500 && c != ErrorClass.RATE_LIMITED && c != ErrorClass.AUTH) {
            c = refine(d, c);
        }
        Duration retryAfter = RetryAfter.from(reply.headers(), clock).orElse(null);
        return new ProviderException(c, status, retryAfter, d.code, "endpoint '" + endpoint + "': HTTP " + status
                + (d.message.isEmpty() ? "" : ": " + d.message), null);
    }

    /** An {@code {"error": ...}} object sent inside a 200 stream (OpenRouter, vLLM do this). */
    ProviderException fromStreamError(JsonNode chunk) {
        Detail d = detail(chunk);
        ErrorClass c = refine(d, ErrorClass.SERVER_ERROR);
        JsonNode code = chunk.path("error").path("code");
        if (code.isInt() && code.asInt() >= 400 && code.asInt() <= 599) {
            c = refine(d, ErrorClass.forHttpStatus(code.asInt()));
        } else if (d.code.contains("rate_limit") || d.type.contains("rate_limit")) {
            c = ErrorClass.RATE_LIMITED;
        }
        return new ProviderException(c, 200, null, d.code, "endpoint '" + endpoint + "': error in stream: " + d.message, null);
    }

    private static ErrorClass refine(Detail d, ErrorClass base) {
        String msg = d.message.toLowerCase(Locale.ROOT);
        if (CONTEXT_CODES.contains(d.code) || CONTEXT_MESSAGE.matcher(msg).find()) {
            return ErrorClass.CONTEXT_LENGTH;
        }
        if (FILTER_CODES.contains(d.code.toLowerCase(Locale.ROOT)) || FILTER_CODES.contains(d.type)
                || FILTER_MESSAGE.matcher(msg).find()) {
            return ErrorClass.CONTENT_FILTER;
        }
        return base;
    }

    private static Detail detail(String body) {
        if (body == null || body.isBlank()) {
            return new Detail("", "", "");
        }
        try {
            return detail(OpenAiWire.JSON.readTree(body));
        } catch (Exception notJson) {
            return new Detail("", "", ProviderReplies.excerpt(body));
        }
    }

    private static Detail detail(JsonNode root) {
        if (root == null || !root.isObject()) {
            return new Detail("", "", "");
        }
        JsonNode e = root.path("error").isObject() ? root.get("error") : root;
        String message = e.path("message").asText(root.path("error").isTextual() ? root.get("error").asText() : "");
        JsonNode code = e.path("code");
        return new Detail(code.isValueNode() && !code.isNull() ? code.asText() : "", e.path("type").asText(""),
                ProviderReplies.excerpt(message));
    }

    private record Detail(String code, String type, String message) {}
}
