package io.llmpolicy.guard;

import java.util.Objects;

/**
 * One thing a guardrail found in a text: which detector, where, and a short label that never contains the matched
 * value.
 *
 * <p>Offsets are Unicode code points into the scanned text, {@code end} exclusive. The engine adds phase, message
 * index and action when it turns a finding into part of a decision. Immutable.
 *
 * @param detector detector id, for example {@code pii.email}, {@code secret.jwt}, {@code injection}, {@code phrase}
 * @param start    first code point of the match
 * @param end      one past the last code point of the match
 * @param label    short, non-secret description (brand of a card, country of an IBAN, injection category, list name)
 */
public record Finding(String detector, int start, int end, String label) {
    /** Detector id of policy phrase-list matches. */
    public static final String PHRASE = "phrase";
    /** Detector id of policy regex matches. */
    public static final String REGEX = "regex";
    /** Detector id of the token size limit. */
    public static final String SIZE = "size";
    /** Detector id of invalid JSON output. */
    public static final String JSON = "json";
    /** Detector id of JSON Schema violations. */
    public static final String JSON_SCHEMA = "json_schema";

    /** Validates the record. */
    public Finding {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(label, "label");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for " + detector);
        }
    }
}
