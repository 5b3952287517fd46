package io.llmpolicy.plugin;

import java.util.Locale;

/**
 * Why a model call failed, in the terms policies use for fallback and retry rules. Every provider failure is
 * classified into exactly one class; {@link #policyName()} is the spelling in {@code .llmpolicy} files.
 */
public enum ErrorClass {
    /** HTTP 429 or a provider's rate-limit error; usually carries a Retry-After. */
    RATE_LIMITED(true),
    /** No (complete) answer within the time-out, or HTTP 408/504. */
    TIMEOUT(true),
    /** HTTP 5xx, including 529 / {@code overloaded_error}, or a response the provider could not have meant (malformed JSON). */
    SERVER_ERROR(true),
    /** The connection failed, was reset, or a stream ended before its terminal event. */
    NETWORK(true),
    /** The prompt (plus requested output) exceeds the model's context window. */
    CONTEXT_LENGTH(false),
    /** The provider refused the prompt or output on content-policy grounds. */
    CONTENT_FILTER(false),
    /** Missing, invalid or insufficient credentials (HTTP 401/403). */
    AUTH(false),
    /** Any other request the provider rejects (HTTP 400/404/422...). Retrying the same request will not help. */
    BAD_REQUEST(false);

    private final boolean transientFailure;

    ErrorClass(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** Lower-case name used in policies, for example {@code rate_limited}. */
    public String policyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the same request may succeed later on the same target (a retry can help). */
    public boolean isTransient() {
        return transientFailure;
    }

    /**
     * The class a bare HTTP status implies when the body says nothing more specific: 401/403 auth, 408/504
     * timeout, 413 context length, 429 rate limited, other 5xx (529 included) server error, other 4xx bad request.
     *
     * @throws IllegalArgumentException for a status that is not an error (below 400)
     */
    public static ErrorClass forHttpStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not an error status");
        }
        return switch (status) {
            case 401, 403 -> AUTH;
            case 408, 504 -> TIMEOUT;
            case 413 -> CONTEXT_LENGTH;
            case 429 -> RATE_LIMITED;
            default -> status >= 500 ? SERVER_ERROR : BAD_REQUEST;
        };
    }

    /**
     * Parses a policy spelling such as {@code server_error}.
     *
     * @throws IllegalArgumentException naming the accepted spellings when {@code name} is not one of them
     */
    public static ErrorClass fromPolicyName(String name) {
        for (ErrorClass c : values()) {
            if (c.policyName().equals(name)) {
                return c;
            }
        }
        StringBuilder known = new StringBuilder();
        for (ErrorClass c : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(c.policyName());
        }
        throw new IllegalArgumentException("unknown error class '" + name + "'; expected one of " + known);
    }
}
