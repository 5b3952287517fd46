package io.llmpolicy.trace;

/**
 * Where a guardrail detector matched, never what it matched: the trace keeps the span, not the raw value.
 * Immutable, thread-safe.
 *
 * @param detector     detector name (for example {@code pii.email})
 * @param phase        whether the text was the request (input) or the response (output)
 * @param messageIndex index of the message in the request's message list (0 for a response)
 * @param start        start offset of the match, in UTF-16 code units of that message, inclusive
 * @param end          end offset, exclusive; {@code start <= end}
 * @param action       what the policy did about it: {@code allow}, {@code redact}, {@code deny}, {@code monitor}
 */
public record Finding(String detector, Phase phase, int messageIndex, int start, int end, String action) {

    /** Which side of the exchange the finding is on. */
    public enum Phase { INPUT, OUTPUT }

    public Finding {
        if (detector == null || detector.isEmpty()) {
            throw new IllegalArgumentException("finding needs a detector name");
        }
        if (phase == null) {
            throw new IllegalArgumentException("finding '" + detector + "' needs a phase");
        }
        if (messageIndex < 0 || start < 0 || end < start) {
            throw new IllegalArgumentException("finding '" + detector + "' has a bad span: message " + messageIndex
                    + " [" + start + ", " + end + ")");
        }
    }
}
