package io.llmpolicy.sink.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmpolicy.plugin.Alert;
import io.llmpolicy.plugin.AlertDeliveryException;
import io.llmpolicy.plugin.AlertSink;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.PluginEnvironment;
import io.llmpolicy.plugin.ProviderException;
import io.llmpolicy.plugin.http.HttpReply;
import io.llmpolicy.plugin.http.HttpTransport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Posts alerts to one URL. Thread-safe: immutable apart from the transport, which is. */
final class WebhookSink implements AlertSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EndpointConfig config;
    private final URI url;
    private final Optional<String> token;
    private final boolean slack;
    private final HttpTransport http;

    WebhookSink(EndpointConfig config, PluginEnvironment env) {
        this.config = config;
        this.url = config.baseUrl().orElseThrow(() -> new IllegalArgumentException(
                "webhook sink '" + config.name() + "' needs a URL (baseUrl)"));
        for (String key : config.options().keySet()) {
            if (!key.equals("format")) {
                throw new IllegalArgumentException("webhook sink '" + config.name() + "': unknown option '" + key
                        + "'; known options: format");
            }
        }
        String format = config.option("format", "json");
        if (!format.equals("json") && !format.equals("slack")) {
            throw new IllegalArgumentException("webhook sink '" + config.name()
                    + "': option format must be json or slack, got '" + format + "'");
        }
        this.slack = format.equals("slack");
        this.token = env.apiKey(config);
        this.http = HttpTransport.create(config);
    }

    @Override
    public String endpoint() {
        return config.name();
    }

    @Override
    public CompletableFuture<Void> send(Alert alert) {
        HttpRequest.Builder b = http.request(url, config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(alert)));
        token.ifPresent(t -> b.setHeader("Authorization", "Bearer " + t));
        CompletableFuture<HttpReply> exchange = http.send(b.build(), config.requestTimeout());
        CompletableFuture<Void> out = new CompletableFuture<>();
        exchange.whenComplete((reply, error) -> {
            if (error instanceof ProviderException p) {
                out.completeExceptionally(new AlertDeliveryException(config.name(), 0, p.getMessage(), p));
            } else if (error != null) {
                out.completeExceptionally(error);
            } else if (reply.isSuccess()) {
                out.complete(null);
            } else {
                out.completeExceptionally(new AlertDeliveryException(config.name(), reply.status(),
                        "receiver answered HTTP " + reply.status() + abbreviate(reply.body()), null));
            }
        });
        out.whenComplete((r, e) -> {
            if (out.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return out;
    }

    @Override
    public void close() {
        http.close();
    }

    private String body(Alert alert) {
        ObjectNode n = JSON.createObjectNode();
        if (slack) {
            n.put("text", "[llmpolicy] " + alert.kind() + " " + alert.rule()
                    + (alert.key().isEmpty() ? "" : " (" + alert.key() + ")") + ": " + alert.message());
            return n.toString();
        }
        n.put("source", "llmpolicy");
        n.put("kind", alert.kind());
        n.put("rule", alert.rule());
        n.put("key", alert.key());
        n.put("threshold", alert.threshold());
        n.put("value", alert.value());
        n.put("message", alert.message());
        n.put("time", alert.time().toString());
        return n.toString();
    }

    private static String abbreviate(String body) {
        if (body.isBlank()) {
            return "";
        }
        String one = body.strip().replace('\n', ' ');
        return ": " + (one.length() > 200 ? one.substring(0, 197) + "..." : one);
    }
}
