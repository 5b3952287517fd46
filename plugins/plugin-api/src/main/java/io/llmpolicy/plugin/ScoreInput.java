package io.llmpolicy.plugin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link EvalScorer} scores. Immutable.
 *
 * @param prompt     the conversation the model answered
 * @param output     the model's output
 * @param reference  an expected answer from a golden data set, or {@code ""} when there is none
 * @param attributes request attributes the policy passes along (team, tags...), by name
 */
public record ScoreInput(List<ChatMessage> prompt, String output, String reference, Map<String, String> attributes) {
    public ScoreInput {
        prompt = List.copyOf(prompt);
        Objects.requireNonNull(output, "output");
        reference = reference == null ? "" : reference;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
