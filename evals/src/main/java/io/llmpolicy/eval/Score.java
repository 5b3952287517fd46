package io.llmpolicy.eval;

import java.util.Objects;

/**
 * What a {@link Scorer} returns, shaped like the OpenTelemetry GenAI {@code gen_ai.evaluation.result} event.
 *
 * @param value       in [0, 1], or NaN when the scorer has no numeric verdict
 * @param label       a categorical verdict such as {@code relevant}, or null
 * @param explanation why, or null
 */
public record Score(double value, String label, String explanation) {

    public Score {
        if (explanation == null) explanation = "";
    }

    public static Score of(double value) {
        return new Score(value, null, "");
    }

    public static Score of(double value, String label, String explanation) {
        return new Score(value, label, Objects.requireNonNullElse(explanation, ""));
    }
}
