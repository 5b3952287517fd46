package io.llmpolicy.engine;

/**
 * What a guardrail found, never the matched text itself.
 *
 * @param phase    {@code input} or {@code output}
 * @param detector {@code pii.email}, {@code secret.aws_access_key}, {@code injection}, {@code phrase}, {@code regex},
 *                 {@code size}, {@code json}, {@code json_schema}, or a plugin detector's id
 * @param message  index of the message in the request (-1 for output, and for checks on the whole prompt)
 * @param start    first code point of the span within that message (or the output)
 * @param end      code point after the span
 * @param action   {@code deny}, {@code redact}, {@code flag} or {@code monitor}
 * @param guardrail the guardrail rule that found it
 */
public record GuardFinding(String phase, String detector, int message, int start, int end, String action, String guardrail) {}
