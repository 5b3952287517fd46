package io.llmpolicy.guard;

import java.util.List;

/**
 * Rewrites the spans of findings in a text. The {@code io.llmpolicy.guard.redact} package provides mask,
 * placeholder and keyed-hash implementations; {@link StreamGuard} uses one to redact released output.
 *
 * <p>Implementations used by one stream are called from that stream's thread only.
 */
@FunctionalInterface
public interface Redaction {
    /**
     * Returns {@code text} with every finding's span replaced and everything outside the spans unchanged.
     *
     * @param findings spans relative to {@code text}, in code points; they may overlap
     */
    String apply(String text, List<Finding> findings);
}
