package io.llmpolicy.engine.tokens;

/**
 * The parts of a chat message that count as prompt tokens. A request's own message type can implement this, so
 * counting needs no copy.
 */
public interface ChatMessageText {

    /** {@code system}, {@code user}, {@code assistant}, {@code tool}, ...; null counts as empty. */
    String role();

    /** The message text; null counts as empty. */
    String content();

    /** The optional participant name; null when absent. */
    default String name() {
        return null;
    }

    /** A plain message, for tests and simple callers. */
    static ChatMessageText of(String role, String content) {
        return new PromptMessage(role, content, null);
    }

    /**
     * A chat message value.
     *
     * @param role    the role
     * @param content the text
     * @param name    the participant name, or null
     */
    record PromptMessage(String role, String content, String name) implements ChatMessageText {
    }
}
