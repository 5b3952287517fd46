package io.llmpolicy.trace;

/** How prompt or response text is kept in the trace; chosen by the policy per direction. */
public enum ContentMode {
    /** Not stored (the default): the trace says text existed, nothing more. */
    NONE,
    /** HMAC-SHA256 of the UTF-8 text under a secret key: equal texts can be matched, text cannot be read. */
    HMAC_SHA256,
    /** The text after guardrail redaction. */
    REDACTED,
    /** The text as sent or received. */
    FULL
}
