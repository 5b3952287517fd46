package io.llmpolicy.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmpolicy.plugin.ErrorClass;
import io.llmpolicy.plugin.ProviderException;
import io.llmpolicy.plugin.http.HttpReply;
import io.llmpolicy.plugin.http.ProviderReplies;
import io.llmpolicy.plugin.http.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Classifies Anthropic errors, {@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}},
 * by the error type first (it is more precise than the status: 529 has no standard meaning), then by status.
 */
final class AnthropicErrors {
    private static final Pattern CONTEXT_MESSAGE = Pattern.compile("prompt is too long|context window|context length|too many tokens");
    private static final Pattern FILTER_MESSAGE = Pattern.compile("content filtering|content policy|output blocked");

    private final String endpoint;
    private final Clock clock;

    AnthropicErrors(String endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    ProviderException fromReply(HttpReply reply) {
        int status = reply.status();
        String type = "";
        String message = ProviderReplies.excerpt(reply.body());
        try {
            JsonNode e = AnthropicWire.JSON.readTree(reply.body()).path("error");
            type = e.path("type").asText("");
            message = e.path("message").asText(message);
        } catch (Exception notJson) {
            // keep the raw body as the message
        }
        ErrorClass c = classify(type, message, status >= 400 ? ErrorClass.forHttpStatus(status) : ErrorClass.SERVER_ERROR);
        Duration retryAfter = RetryAfter.from(reply.headers(), clock).orElse(null);
        return new ProviderException(c, status, retryAfter, type, "endpoint '" + endpoint + "': HTTP " + status
                + (message.isEmpty() ? "" : ": " + message), null);
    }

    /** An {@code event: error} inside a 200 stream, for example an {@code overloaded_error} mid-answer. */
    ProviderException fromStreamError(JsonNode event) {
        JsonNode e = event.path("error");
        String type = e.path("type").asText("");
        String message = e.path("message").asText("");
        return new ProviderException(classify(type, message, ErrorClass.SERVER_ERROR), 200, null, type,
                "endpoint '" + endpoint + "': error in stream: " + type + (message.isEmpty() ? "" : ": " + message), null);
    }

    private static ErrorClass classify(String type, String message, ErrorClass byStatus) {
        String msg = message.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "rate_limit_error" -> ErrorClass.RATE_LIMITED;
            case "overloaded_error", "api_error" -> ErrorClass.SERVER_ERROR;
            case "timeout_error" -> ErrorClass.TIMEOUT;
            case "authentication_error", "permission_error", "billing_error" -> ErrorClass.AUTH;
            case "request_too_large" -> ErrorClass.CONTEXT_LENGTH;
            case "invalid_request_error", "not_found_error" -> CONTEXT_MESSAGE.matcher(msg).find() ? ErrorClass.CONTEXT_LENGTH
                    : FILTER_MESSAGE.matcher(msg).find() ? ErrorClass.CONTENT_FILTER : ErrorClass.BAD_REQUEST;
            default -> byStatus;
        };
    }
}
