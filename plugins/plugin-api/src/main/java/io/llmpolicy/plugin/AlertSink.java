package io.llmpolicy.plugin;

import java.util.concurrent.CompletableFuture;

/**
 * A configured destination for {@link Alert}s (a webhook URL, a chat channel), created by an
 * {@link AlertSinkFactory}.
 *
 * <p>Contract: {@link #send} returns at once and delivers asynchronously; the future completes when the receiver
 * accepted the alert, or fails with {@link AlertDeliveryException}. The engine never calls it on a request thread
 * and does not retry on its own.
 *
 * <p>Threading: thread-safe; alerts may be sent concurrently.
 */
public interface AlertSink extends AutoCloseable {

    /** The name of the endpoint this sink delivers to. */
    String endpoint();

    /** Delivers one alert. */
    CompletableFuture<Void> send(Alert alert);

    /** Releases connections and threads. Idempotent. */
    @Override
    default void close() {}
}
