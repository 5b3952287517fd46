package io.llmpolicy.engine;

import io.llmpolicy.engine.tokens.ChatMessageText;
import java.util.Objects;

/** One chat message of a request. */
public record Message(String role, String content) implements ChatMessageText {
    public Message {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
    }

    public static Message user(String content) {
        return new Message("user", content);
    }

    public static Message system(String content) {
        return new Message("system", content);
    }
}
