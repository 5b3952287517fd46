package io.llmpolicy.plugin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A configured connection to one model endpoint, created by a {@link ModelProviderFactory}.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>Methods return at once; the work happens asynchronously. They do not throw for provider failures: the
 *       returned future completes exceptionally with a {@link ProviderException} whose {@link ErrorClass} says
 *       what went wrong (rate limit with Retry-After, time-out, server error, context length, content filter,
 *       auth, bad request, network).</li>
 *   <li>The call's deadline is {@link CallOptions#timeoutOr} the endpoint's request time-out and covers the whole
 *       call, a stream included; when it passes the future fails with {@link ErrorClass#TIMEOUT} and the
 *       underlying exchange is aborted.</li>
 *   <li>Cancelling the returned future aborts the exchange (closes the HTTP stream) and stops stream delivery.</li>
 * </ul>
 *
 * <p><b>Threading.</b> Thread-safe: the engine calls one instance from many threads at once.
 */
public interface ModelProvider extends AutoCloseable {

    /** The name of the endpoint this instance serves ({@link EndpointConfig#name()}). */
    String endpoint();

    /** Sends the request and completes with the whole response. */
    CompletableFuture<ChatResponse> complete(ChatRequest request, CallOptions options);

    /**
     * Sends the request as a stream (server-sent events for HTTP providers), passing text to {@code handler} as it
     * arrives, and completes with the aggregated response (all text, finish reason and usage) when the stream
     * ends. A stream that ends before the provider's terminal event fails with {@link ErrorClass#NETWORK}; text
     * already delivered stays delivered.
     */
    CompletableFuture<ChatResponse> stream(ChatRequest request, CallOptions options, StreamHandler handler);

    /** The models the endpoint offers. */
    CompletableFuture<List<ModelInfo>> listModels(CallOptions options);

    /** Releases connections and threads; in-flight calls are aborted. Idempotent. */
    @Override
    default void close() {}
}
