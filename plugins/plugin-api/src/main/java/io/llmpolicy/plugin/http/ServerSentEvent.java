package io.llmpolicy.plugin.http;

import java.util.Objects;

/**
 * One server-sent event: its {@code event:} name ({@code "message"} when absent, as the SSE specification says)
 * and its {@code data:} lines joined with {@code \n}. Immutable.
 */
public record ServerSentEvent(String event, String data) {
    public ServerSentEvent {
        event = event == null || event.isEmpty() ? "message" : event;
        Objects.requireNonNull(data, "data");
    }
}
