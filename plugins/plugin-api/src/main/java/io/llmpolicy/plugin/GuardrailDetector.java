package io.llmpolicy.plugin;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for guardrail detectors: finds spans of interest (secrets, identifiers, banned topics) in a
 * prompt or an output. Policies reference the detector by {@link #id()}; its findings can deny, redact or flag.
 *
 * <p>Contract: {@link #scan} is a pure function of its input; it must not keep the text. It may be called on the
 * request path, so it should be fast (linear in the text) and must respond to interruption if it can run long.
 *
 * <p>Threading: thread-safe; called concurrently from many request threads.
 */
public interface GuardrailDetector extends ExtensionPoint {

    /** The detector id used in policies, for example {@code acme.ticket_id}. Stable across versions. */
    String id();

    /**
     * Scans {@code text} and returns the findings, in any order; an empty list when nothing is found. Spans are
     * in code points and lie within the text.
     */
    List<Finding> scan(String text);
}
