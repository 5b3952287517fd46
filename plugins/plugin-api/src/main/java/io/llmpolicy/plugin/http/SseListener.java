package io.llmpolicy.plugin.http;

/**
 * Receives the events of a server-sent event stream, in order, one at a time, on an HTTP client thread. Throwing
 * aborts the stream: the transport cancels the exchange and fails the call's future with the thrown exception.
 */
@FunctionalInterface
public interface SseListener {
    void onEvent(ServerSentEvent event) throws Exception;
}
