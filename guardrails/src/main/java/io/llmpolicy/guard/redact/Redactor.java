package io.llmpolicy.guard.redact;

import io.llmpolicy.guard.Finding;
import java.util.List;
import java.util.Objects;

/**
 * Rewrites the spans of findings in a text: masks, numbered placeholders or keyed hashes.
 *
 * <p>Overlapping findings are merged into one span covering their union, named after the finding that starts
 * first (the longer one on a tie); findings that merely touch stay separate. Text outside findings is never
 * changed.
 *
 * <p>Concurrency: immutable and thread-safe. Placeholder numbering is per request: use {@link #newRequest()} and
 * redact all messages of one request with the same {@link RedactionContext}.
 */
public final class Redactor {
    private final RedactionStyle style;

    private Redactor(RedactionStyle style) {
        this.style = Objects.requireNonNull(style, "style");
    }

    /** A redactor writing spans in {@code style}. */
    public static Redactor of(RedactionStyle style) {
        return new Redactor(style);
    }

    /** The style. */
    public RedactionStyle style() {
        return style;
    }

    /** A context for one request (numbering of placeholders is shared by its messages). */
    public RedactionContext newRequest() {
        return new RedactionContext(style);
    }

    /** Redacts one text with a fresh context. */
    public Redacted redact(String text, List<Finding> findings) {
        return newRequest().redact(text, findings);
    }
}
