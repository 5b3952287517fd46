package io.llmpolicy.guard;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link StreamGuard} lets through after one chunk (or at the end).
 *
 * @param text     text that may now be sent to the client (redacted in REDACT mode; may be empty)
 * @param findings findings reported by this step: in REDACT mode those whose text is released in this step, in STOP
 *                 mode the finding that stopped the stream, in MONITOR mode those detected in this step
 * @param stopped  the stream was stopped (STOP mode); no further text will be released
 */
public record StreamStep(String text, List<StreamFinding> findings, boolean stopped) {
    /** Validates the record. */
    public StreamStep {
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
    }
}
