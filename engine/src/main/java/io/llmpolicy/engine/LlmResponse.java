package io.llmpolicy.engine;

/**
 * What came back from the model for a decided request: a success with usage, or a failure with an error class.
 *
 * @param errorClass null on success; else {@code rate_limited}, {@code timeout}, {@code server_error},
 *                   {@code context_length}, {@code content_filter}, {@code auth} or {@code bad_request}
 * @param latencyMillis wall time of the call, or -1 when unknown
 * @param retryAfterMillis the provider's Retry-After, or -1
 */
public record LlmResponse(int status, String content, String model, long inputTokens, long outputTokens,
                          long cachedInputTokens, long latencyMillis, String errorClass, long retryAfterMillis) {

    public static LlmResponse success(String content, long inputTokens, long outputTokens, long latencyMillis) {
        return new LlmResponse(200, content, null, inputTokens, outputTokens, 0, latencyMillis, null, -1);
    }

    public static LlmResponse failure(String errorClass, long latencyMillis) {
        return new LlmResponse(status(errorClass), null, null, 0, 0, 0, latencyMillis, errorClass, -1);
    }

    public LlmResponse withModel(String m) {
        return new LlmResponse(status, content, m, inputTokens, outputTokens, cachedInputTokens, latencyMillis, errorClass, retryAfterMillis);
    }

    public LlmResponse withCachedInputTokens(long cached) {
        return new LlmResponse(status, content, model, inputTokens, outputTokens, cached, latencyMillis, errorClass, retryAfterMillis);
    }

    public boolean failed() {
        return errorClass != null || status >= 400;
    }

    /** The error class of a failed response (derived from the HTTP status when not given). */
    public String effectiveErrorClass() {
        if (errorClass != null) return errorClass;
        if (status == 429) return "rate_limited";
        if (status == 408 || status == 504) return "timeout";
        if (status >= 500) return "server_error";
        if (status == 401 || status == 403) return "auth";
        return status >= 400 ? "bad_request" : null;
    }

    private static int status(String errorClass) {
        return switch (errorClass) {
            case "rate_limited" -> 429;
            case "timeout" -> 504;
            case "auth" -> 401;
            case "bad_request", "context_length", "content_filter" -> 400;
            default -> 500;
        };
    }
}
