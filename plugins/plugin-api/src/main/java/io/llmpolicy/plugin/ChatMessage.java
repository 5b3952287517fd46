package io.llmpolicy.plugin;

import java.util.Locale;
import java.util.Objects;

/**
 * One message of a chat conversation. Immutable.
 *
 * @param role    who wrote it
 * @param content its text
 */
public record ChatMessage(Role role, String content) {

    /** The author of a message, as every chat wire format names it. */
    public enum Role {
        SYSTEM, USER, ASSISTANT;

        /** The lower-case name used on the wire ({@code system}, {@code user}, {@code assistant}). */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
