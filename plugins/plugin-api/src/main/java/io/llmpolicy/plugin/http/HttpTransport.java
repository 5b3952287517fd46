package io.llmpolicy.plugin.http;

import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.ErrorClass;
import io.llmpolicy.plugin.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * HTTP exchanges for one endpoint over the JDK {@link HttpClient}, with the guarantees {@code ModelProvider}
 * promises: a deadline for the whole exchange (a streamed body included, which the client's own request time-out
 * does not cover), cancellation through the returned future, and transport failures classified as
 * {@link ErrorClass#TIMEOUT} or {@link ErrorClass#NETWORK} {@link ProviderException}s. Status codes are the
 * caller's to classify: every response, error or not, completes the future as an {@link HttpReply}.
 *
 * <p>Design note. Redirects are not followed: a redirected POST would turn into a GET, so a 3xx reaches the
 * caller as a reply. HTTP/2 is negotiated by ALPN on {@code https}; plain {@code http} endpoints (local vLLM,
 * Ollama) get HTTP/1.1 so the client does not try an {@code h2c} upgrade many of them mishandle. Deadlines run on one
 * shared daemon timer thread whose tasks are removed as soon as the exchange ends, so a long time-out costs
 * nothing once the call is over.
 *
 * <p>Thread-safe: one instance serves all calls to its endpoint.
 */
public final class HttpTransport implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private final EndpointConfig config;
    private final HttpClient client;

    private HttpTransport(EndpointConfig config, HttpClient client) {
        this.config = config;
        this.client = client;
    }

    /**
     * A transport with the endpoint's connect time-out and extra headers.
     *
     * @throws IllegalArgumentException when an extra header is one the JDK client forbids ({@code Host},
     *                                  {@code Connection}, {@code Content-Length}...)
     */
    public static HttpTransport create(EndpointConfig config) {
        config.headers().forEach((k, v) -> {
            try {
                HttpRequest.newBuilder(URI.create("http://localhost/")).setHeader(k, v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("endpoint '" + config.name() + "': header '" + k
                        + "' cannot be set: " + e.getMessage(), e);
            }
        });
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new HttpTransport(config, client);
    }

    /** A request builder for {@code uri} with the endpoint's extra headers and {@code timeout} until headers arrive. */
    public HttpRequest.Builder request(URI uri, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1);
        }
        config.headers().forEach(b::setHeader);
        return b;
    }

    /** Sends {@code request} and completes with the whole response, or fails as the class comment says. */
    public CompletableFuture<HttpReply> send(HttpRequest request, Duration deadline) {
        CompletableFuture<HttpReply> result = new CompletableFuture<>();
        CompletableFuture<HttpResponse<String>> http;
        try {
            http = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        http.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(classify(error, deadline));
            } else {
                result.complete(new HttpReply(response.statusCode(), response.headers(), response.body()));
            }
        });
        guard(result, deadline, () -> http.cancel(true));
        return result;
    }

    /**
     * Sends {@code request} expecting {@code text/event-stream}. On a 2xx status every event goes to
     * {@code listener} and the future completes, with an empty body, when the server ends the stream; on any
     * other status the future completes with the error body. Whether the stream reached its terminal event is
     * for the caller to check.
     */
    public CompletableFuture<HttpReply> stream(HttpRequest request, Duration deadline, SseListener listener) {
        CompletableFuture<HttpReply> result = new CompletableFuture<>();
        SseLineSubscriber lines = new SseLineSubscriber(listener, result);
        BodyHandler<String> handler = info -> info.statusCode() >= 200 && info.statusCode() < 300
                ? BodySubscribers.fromLineSubscriber(lines, s -> "", StandardCharsets.UTF_8, null)
                : BodySubscribers.ofString(StandardCharsets.UTF_8);
        CompletableFuture<HttpResponse<String>> http;
        try {
            http = client.sendAsync(request, handler);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        http.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(classify(error, deadline));
            } else {
                result.complete(new HttpReply(response.statusCode(), response.headers(), response.body()));
            }
        });
        guard(result, deadline, () -> {
            lines.cancel();
            http.cancel(true);
        });
        return result;
    }

    /**
     * Maps the reply of {@code exchange} with {@code mapper} into a new future. Failures, whether of the exchange
     * or thrown by the mapper, complete the new future directly (not wrapped in {@code CompletionException}), and
     * cancelling the new future cancels the exchange, so the result keeps the {@code ModelProvider} contract.
     */
    public static <T> CompletableFuture<T> mapReply(CompletableFuture<HttpReply> exchange,
                                                    Function<HttpReply, T> mapper) {
        CompletableFuture<T> out = new CompletableFuture<>();
        exchange.whenComplete((reply, error) -> {
            if (error != null) {
                out.completeExceptionally(unwrap(error));
                return;
            }
            try {
                out.complete(mapper.apply(reply));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        out.whenComplete((r, e) -> {
            if (out.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return out;
    }

    /** Aborts in-flight exchanges and releases the client's connections. Idempotent. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    /**
     * Maps a transport failure: time-outs to {@link ErrorClass#TIMEOUT}, refused, reset or truncated connections
     * to {@link ErrorClass#NETWORK}; {@link ProviderException}s and cancellations pass through, and anything else
     * (a programming error) is returned unchanged.
     */
    public static Throwable classify(Throwable error, Duration deadline) {
        Throwable e = unwrap(error);
        if (e instanceof ProviderException || e instanceof CancellationException) {
            return e;
        }
        if (e instanceof HttpConnectTimeoutException) {
            return ProviderException.of(ErrorClass.TIMEOUT, "could not connect within the connect time-out", e);
        }
        if (e instanceof HttpTimeoutException) {
            return ProviderException.of(ErrorClass.TIMEOUT, "no response within " + deadline, e);
        }
        if (e instanceof ConnectException) {
            return ProviderException.of(ErrorClass.NETWORK, "could not connect: " + describe(e), e);
        }
        if (e instanceof IOException) {
            return ProviderException.of(ErrorClass.NETWORK, "connection failed: " + describe(e), e);
        }
        return e;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void guard(CompletableFuture<?> result, Duration deadline, Runnable abort) {
        ScheduledFuture<?> timeout = TIMER.schedule(() -> {
            if (result.completeExceptionally(ProviderException.of(ErrorClass.TIMEOUT,
                    "no complete response within " + deadline, null))) {
                abort.run();
            }
        }, Math.max(1, deadline.toNanos()), TimeUnit.NANOSECONDS);
        result.whenComplete((r, e) -> {
            timeout.cancel(false);
            if (result.isCancelled()) {
                abort.run();
            }
        });
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "llmpolicy-http-deadlines");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
