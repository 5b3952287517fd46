package io.llmpolicy.plugin.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Turns the lines of a {@code text/event-stream} body into {@link ServerSentEvent}s (WHATWG "server-sent events"
 * parsing: {@code field: value} lines, {@code :} comments, a blank line dispatches). An event not terminated by a
 * blank line when the body ends is discarded, as the specification says, so a stream cut mid-event never
 * delivers half an event.
 *
 * <p>Lines arrive sequentially from the HTTP client. Once {@code outcome} is done (cancelled, timed out, listener
 * failure) nothing more reaches the listener.
 */
final class SseLineSubscriber implements Flow.Subscriber<String> {
    private final SseListener listener;
    private final CompletableFuture<?> outcome;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private String event;
    private StringBuilder data;

    SseLineSubscriber(SseListener listener, CompletableFuture<?> outcome) {
        this.listener = listener;
        this.outcome = outcome;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        if (outcome.isDone()) {
            cancel();
            return;
        }
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> { /* id, retry and unknown fields do not matter for a single request/response stream */ }
        }
    }

    private void dispatch() {
        if (data == null) {
            event = null;
            return;
        }
        ServerSentEvent e = new ServerSentEvent(event, data.toString());
        event = null;
        data = null;
        try {
            listener.onEvent(e);
        } catch (Throwable t) {
            if (t instanceof OutOfMemoryError oom) {
                throw oom;
            }
            cancel();
            outcome.completeExceptionally(t);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // the HTTP response future fails with the same error; the transport classifies it there
    }

    @Override
    public void onComplete() {
        event = null;
        data = null;
    }

    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
