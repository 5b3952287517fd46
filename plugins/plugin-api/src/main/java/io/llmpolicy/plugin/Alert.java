package io.llmpolicy.plugin;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert the engine raises: a budget crossing a threshold, an eval's pass rate falling, a guardrail firing
 * often. Immutable.
 *
 * @param kind      what crossed what, dotted lower case: {@code budget.threshold}, {@code budget.exceeded},
 *                  {@code eval.threshold}; sinks should pass unknown kinds through unchanged
 * @param rule      the policy rule that raised it (budget or eval name)
 * @param key       the scope key the alert is about (a team, a user), or {@code ""}
 * @param threshold the threshold that was crossed, in the unit the kind defines (a fraction of a budget's limit
 *                  for budget alerts, a pass rate for evals)
 * @param value     the observed value, in the same unit
 * @param message   a sentence for humans
 * @param time      when the engine raised it
 */
public record Alert(String kind, String rule, String key, double threshold, double value, String message,
                    Instant time) {
    public Alert {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("alert kind must not be blank");
        }
        Objects.requireNonNull(rule, "rule");
        key = key == null ? "" : key;
        message = message == null ? "" : message;
        Objects.requireNonNull(time, "time");
    }
}
