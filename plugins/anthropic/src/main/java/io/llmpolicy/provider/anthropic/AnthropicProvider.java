package io.llmpolicy.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmpolicy.plugin.CallOptions;
import io.llmpolicy.plugin.ChatRequest;
import io.llmpolicy.plugin.ChatResponse;
import io.llmpolicy.plugin.ModelInfo;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.PluginEnvironment;
import io.llmpolicy.plugin.StreamHandler;
import io.llmpolicy.plugin.http.HttpReply;
import io.llmpolicy.plugin.http.HttpTransport;
import io.llmpolicy.plugin.http.ProviderReplies;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One Anthropic Messages endpoint. Wire format in {@link AnthropicWire}, classification in
 * {@link AnthropicErrors}, deadlines and cancellation in {@link HttpTransport}. Thread-safe.
 */
final class AnthropicProvider implements ModelProvider {
    private final AnthropicSettings settings;
    private final AnthropicErrors errors;
    private final HttpTransport http;

    AnthropicProvider(AnthropicSettings settings, PluginEnvironment env) {
        this.settings = settings;
        this.errors = new AnthropicErrors(settings.config().name(), env.clock());
        this.http = HttpTransport.create(settings.config());
    }

    @Override
    public String endpoint() {
        return settings.config().name();
    }

    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request, CallOptions options) {
        Duration deadline = options.timeoutOr(settings.config().requestTimeout());
        String body = AnthropicWire.requestBody(request, settings.defaultMaxTokens(), false);
        long start = System.nanoTime();
        return HttpTransport.mapReply(http.send(post(settings.messagesUri(), body, deadline, false), deadline), reply -> {
            if (!reply.isSuccess()) {
                throw errors.fromReply(reply);
            }
            return AnthropicWire.parseMessage(reply.body(), request, elapsed(start));
        });
    }

    @Override
    public CompletableFuture<ChatResponse> stream(ChatRequest request, CallOptions options, StreamHandler handler) {
        Duration deadline = options.timeoutOr(settings.config().requestTimeout());
        String body = AnthropicWire.requestBody(request, settings.defaultMaxTokens(), true);
        AnthropicWire.StreamState state = new AnthropicWire.StreamState(request.model());
        long start = System.nanoTime();
        CompletableFuture<HttpReply> exchange = http.stream(post(settings.messagesUri(), body, deadline, true), deadline,
                event -> {
                    JsonNode data = AnthropicWire.readJson(event.data());
                    if ("error".equals(data.path("type").asText(event.event()))) {
                        throw errors.fromStreamError(data);
                    }
                    String text = state.accept(data);
                    if (!text.isEmpty()) {
                        handler.onText(text);
                    }
                });
        return HttpTransport.mapReply(exchange, reply -> {
            ProviderReplies.checkStreamEnd(reply, state.isDone(), endpoint(), "message_stop", state.textLength(), errors::fromReply);
            return state.toResponse(elapsed(start));
        });
    }

    @Override
    public CompletableFuture<List<ModelInfo>> listModels(CallOptions options) {
        Duration deadline = options.timeoutOr(settings.config().requestTimeout());
        HttpRequest get = headers(http.request(settings.modelsUri(), deadline)).GET().build();
        return HttpTransport.mapReply(http.send(get, deadline), reply -> {
            if (!reply.isSuccess()) {
                throw errors.fromReply(reply);
            }
            List<ModelInfo> models = new ArrayList<>();
            for (JsonNode m : AnthropicWire.readJson(reply.body()).path("data")) {
                if (m.hasNonNull("id")) {
                    models.add(new ModelInfo(m.get("id").asText(), m.path("display_name").asText("")));
                }
            }
            return List.copyOf(models);
        });
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest post(URI uri, String body, Duration deadline, boolean stream) {
        return headers(http.request(uri, deadline))
                .header("Content-Type", "application/json")
                .setHeader("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder headers(HttpRequest.Builder b) {
        b.setHeader("anthropic-version", settings.version()).setHeader("Accept", "application/json");
        settings.apiKey().ifPresent(k -> b.setHeader("x-api-key", k));
        return b;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
