package io.llmpolicy.guard.redact;

import java.util.List;
import java.util.Objects;

/**
 * A redacted text and where each replacement went. Immutable.
 *
 * @param text         the output
 * @param replacements the rewritten spans in order
 */
public record Redacted(String text, List<Replacement> replacements) {
    /** Validates and copies. */
    public Redacted {
        Objects.requireNonNull(text, "text");
        replacements = List.copyOf(replacements);
    }
}
