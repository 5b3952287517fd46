package io.llmpolicy.plugin.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP/1.1 server on 127.0.0.1 (the JDK's {@code HttpServer}) for provider and sink tests. Handlers run
 * on their own threads, so one that waits for {@link #released()} (a "hanging" server) blocks nobody else;
 * {@link #close()} releases them. Every request is recorded.
 *
 * <p>Shared with the plugin modules through plugin-api's test-jar.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** Handles one exchange; may throw to make the server drop the connection. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    /** A request as the server received it. */
    public record Recorded(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static LoopbackHttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService ex = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "loopback-http");
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(ex);
            s.start();
            return new LoopbackHttpServer(s, ex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Routes requests under {@code path} to {@code handler}, recording each request first. */
    public LoopbackHttpServer route(String path, Handler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
                handler.handle(exchange);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Counted down by {@link #close()}: hanging handlers wait on it. */
    public CountDownLatch released() {
        return release;
    }

    /** Sends a complete response with the given status, headers and body. */
    public static void respond(HttpExchange ex, int status, String contentType, String body, String... headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            ex.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public static void json(HttpExchange ex, int status, String body, String... headers) throws IOException {
        respond(ex, status, "application/json", body, headers);
    }

    /** Starts a chunked {@code text/event-stream} response and writes {@code events} (raw SSE text), flushing each. */
    public static OutputStream sse(HttpExchange ex, String... events) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (String e : events) {
            out.write(e.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        return out;
    }

    /** Waits (bounded) for the test to finish; used by handlers that simulate a server that never answers. */
    public void hang() throws InterruptedException {
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hanging handler was never released");
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
