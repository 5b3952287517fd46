package io.llmpolicy.provider.openai;

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
 * One OpenAI-compatible endpoint. Requests are built and parsed by {@link OpenAiWire}, failures classified by
 * {@link OpenAiErrors}; {@link HttpTransport} owns deadlines and cancellation. Thread-safe: no mutable state
 * outside the per-call {@link OpenAiWire.StreamState}.
 */
final class OpenAiProvider implements ModelProvider {
    private final OpenAiSettings settings;
    private final OpenAiErrors errors;
    private final HttpTransport http;

    OpenAiProvider(OpenAiSettings settings, PluginEnvironment env) {
        this.settings = settings;
        this.errors = new OpenAiErrors(settings.config().name(), env.clock());
        this.http = HttpTransport.create(settings.config());
    }

    @Override
    public String endpoint() {
        return settings.config().name();
    }

    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request, CallOptions options) {
        Duration deadline = options.timeoutOr(settings.config().requestTimeout());
        String body = OpenAiWire.requestBody(request, settings, false);
        long start = System.nanoTime();
        return HttpTransport.mapReply(http.send(post(settings.chatUri(), body, deadline, false), deadline), reply -> {
            if (!reply.isSuccess()) {
                throw errors.fromReply(reply);
            }
            return OpenAiWire.parseCompletion(reply.body(), request, elapsed(start));
        });
    }

    @Override
    public CompletableFuture<ChatResponse> stream(ChatRequest request, CallOptions options, StreamHandler handler) {
        Duration deadline = options.timeoutOr(settings.config().requestTimeout());
        String body = OpenAiWire.requestBody(request, settings, true);
        OpenAiWire.StreamState state = new OpenAiWire.StreamState(request.model());
        long start = System.nanoTime();
        CompletableFuture<HttpReply> exchange = http.stream(post(settings.chatUri(), body, deadline, true), deadline,
                event -> {
                    if (event.data().equals("[DONE]")) {
                        state.done();
                        return;
                    }
                    JsonNode chunk = OpenAiWire.readJson(event.data());
                    if (chunk.has("error")) {
                        throw errors.fromStreamError(chunk);
                    }
                    String text = state.accept(chunk);
                    if (!text.isEmpty()) {
                        handler.onText(text);
                    }
                });
        return HttpTransport.mapReply(exchange, reply -> {
            ProviderReplies.checkStreamEnd(reply, state.isDone(), endpoint(), "[DONE]", state.textLength(), errors::fromReply);
            return state.toResponse(elapsed(start));
        });
    }

    @Override
    public CompletableFuture<List<ModelInfo>> listModels(CallOptions options) {
        Duration deadline = options.timeoutOr(settings.config().requestTimeout());
        HttpRequest get = authorize(http.request(settings.modelsUri(), deadline)
                .header("Accept", "application/json").GET()).build();
        return HttpTransport.mapReply(http.send(get, deadline), reply -> {
            if (!reply.isSuccess()) {
                throw errors.fromReply(reply);
            }
            JsonNode data = OpenAiWire.readJson(reply.body()).path("data");
            List<ModelInfo> models = new ArrayList<>();
            for (JsonNode m : data) {
                if (m.hasNonNull("id")) {
                    models.add(new ModelInfo(m.get("id").asText(), m.path("owned_by").asText("")));
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
        return authorize(http.request(uri, deadline)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))).build();
    }

    private HttpRequest.Builder authorize(HttpRequest.Builder b) {
        switch (settings.auth()) {
            case BEARER -> b.setHeader("Authorization", "Bearer " + settings.apiKey().orElseThrow());
            case API_KEY -> b.setHeader("api-key", settings.apiKey().orElseThrow());
            case NONE -> { }
        }
        return b;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
