package io.llmpolicy.eval.offline;

import io.llmpolicy.eval.EvalInput;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a golden dataset: a request shaped like a replay request, its recorded response and optionally the
 * expected answer. Immutable.
 *
 * @param id          the request id (unique within the dataset)
 * @param line        1-based line number in the file, for messages
 * @param model       the request's {@code model}, or null
 * @param messages    the request's messages (role and text), in order
 * @param input       the text of the last {@code user} message, or null when there is none
 * @param output      the recorded response text ({@code response.content})
 * @param expected    the expected answer, or null
 * @param latencyMs   {@code response.latency_ms}, or -1
 * @param costNanoUsd {@code response.cost_nano_usd} (or {@code response.cost_usd} converted exactly), or -1
 * @param usage       the integer fields of {@code response.usage}, for example {@code prompt_tokens}
 */
public record GoldenRecord(String id, long line, String model, List<Message> messages, String input, String output,
                           String expected, long latencyMs, long costNanoUsd, Map<String, Long> usage) {

    /** One request message: its role ({@code system}, {@code user}, {@code assistant}, ...) and its text. */
    public record Message(String role, String content) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }

    public GoldenRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(output, "output");
        messages = List.copyOf(messages);
        usage = Map.copyOf(usage);
    }

    /** The eval input for this record, with {@code costNanoUsd} as given and this record as the attachment. */
    public EvalInput toEvalInput(long costNanoUsd) {
        return new EvalInput(output, expected, latencyMs, costNanoUsd, id, input, this);
    }
}
