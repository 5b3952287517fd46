package io.llmpolicy.guard.redact;

/**
 * One rewritten span: where it was in the input and where its replacement is in the output, in code points.
 *
 * @param start       first code point of the span in the input
 * @param end         end (exclusive) of the span in the input
 * @param outputStart first code point of the replacement in the output
 * @param outputEnd   end (exclusive) of the replacement in the output
 * @param detector    detector the replacement is named after (the first of the merged findings)
 */
public record Replacement(int start, int end, int outputStart, int outputEnd, String detector) {}
