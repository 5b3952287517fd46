package io.llmpolicy.plugin;

/**
 * A span a {@link GuardrailDetector} found in a text. Offsets count Unicode code points (not UTF-16 chars), so
 * they mean the same in every language the policy is shown in. Immutable.
 *
 * @param detector the id of the detector that found it (for example {@code acme.ticket_id})
 * @param start    first code point of the span, inclusive
 * @param end      end of the span, exclusive; {@code start <= end}
 * @param label    what was found, for messages and traces (for example {@code ticket id}); never the matched text
 *                 itself if that may be sensitive
 */
public record Finding(String detector, int start, int end, String label) {
    public Finding {
        if (detector == null || detector.isBlank()) {
            throw new IllegalArgumentException("finding needs a detector id");
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid span [" + start + ", " + end + ") from detector " + detector);
        }
        label = label == null ? "" : label;
    }
}
