package io.llmpolicy.engine;

import io.llmpolicy.plugin.CallOptions;
import io.llmpolicy.plugin.ChatMessage;
import io.llmpolicy.plugin.ChatRequest;
import io.llmpolicy.plugin.ChatResponse;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.PluginEnvironment;
import io.llmpolicy.plugin.ProviderException;
import io.llmpolicy.plugin.host.PluginCallException;
import io.llmpolicy.plugin.host.PluginExtension;
import io.llmpolicy.plugin.host.PluginHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine calling models itself: decide, call the target through its provider plugin, on failure let the
 * policy's fallback rules pick the next attempt (retries, Retry-After, cooldowns, budgets re-checked), complete with
 * the real usage. Providers are created once per provider name and shared by all threads (they are thread-safe).
 */
final class Execution {
    /** A safety net: fallback chains and retries are bounded by the policy, far below this. */
    static final int MAX_ATTEMPTS = 64;

    private final PluginHost host;
    private final Map<String, EndpointConfig> endpoints;
    private final String providerOverride;
    private final Duration timeout;
    private final PluginEnvironment environment;
    private final Map<String, PluginExtension<ModelProvider>> providers = new ConcurrentHashMap<>();

    Execution(PluginHost host, Map<String, EndpointConfig> endpoints, String providerOverride, Duration timeout,
              PluginEnvironment environment) {
        this.host = host;
        this.endpoints = endpoints;
        this.providerOverride = providerOverride;
        this.timeout = timeout;
        this.environment = environment;
    }

    ExecuteResult execute(PolicyEngine engine, LlmRequest request) {
        Decision d = engine.decide(request);
        while (d.allowed()) {
            if (d.attempt() > MAX_ATTEMPTS) {
                throw new IllegalStateException("request " + request.id() + " exceeded " + MAX_ATTEMPTS + " attempts: " + d.failedAttempts());
            }
            LlmResponse response = call(d, request);
            if (!response.failed()) {
                Outcome o = engine.complete(d, response);
                return new ExecuteResult(d, o, o.output(), d.failedAttempts());
            }
            Decision next = engine.failover(d, response, request); // releases, cools down, re-checks budgets
            if (!next.allowed()) return new ExecuteResult(next, null, null, next.failedAttempts());
            d = next;
        }
        return new ExecuteResult(d, null, null, d.failedAttempts());
    }

    ExecuteResult executeStreaming(PolicyEngine engine, LlmRequest request, java.util.function.Consumer<String> onText) {
        Decision d = engine.decide(request);
        while (d.allowed()) {
            if (d.attempt() > MAX_ATTEMPTS) {
                throw new IllegalStateException("request " + request.id() + " exceeded " + MAX_ATTEMPTS + " attempts: " + d.failedAttempts());
            }
            OutputStream stream = new OutputStream(d.plan, onText);
            LlmResponse response = callStreaming(d, request, stream);
            if (!response.failed() || !stream.releasedText().isEmpty()) {
                Outcome o = engine.completeStreamed(d, response, stream);
                return new ExecuteResult(d, o, o.output(), d.failedAttempts());
            }
            Decision next = engine.failover(d, response, request);
            if (!next.allowed()) return new ExecuteResult(next, null, null, next.failedAttempts());
            d = next;
        }
        return new ExecuteResult(d, null, null, d.failedAttempts());
    }

    private LlmResponse callStreaming(Decision d, LlmRequest request, OutputStream stream) {
        PluginExtension<ModelProvider> provider = provider(d.provider(), d.policy().name());
        ChatRequest chat = chatRequest(d, request);
        long start = System.nanoTime();
        java.util.concurrent.CompletableFuture<ChatResponse> future = null;
        try {
            java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<ChatResponse>> self = new java.util.concurrent.atomic.AtomicReference<>();
            future = host.boundary().callAsync(provider, "stream", location(d), timeout.plusSeconds(1),
                    p -> p.stream(chat, new CallOptions(request.id(), timeout), text -> {
                        stream.accept(text);
                        if (stream.blocked() != null && self.get() != null) self.get().cancel(true); // stop paying for tokens
                    }));
            self.set(future);
            ChatResponse r = future.get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            stream.finish();
            long latency = r.latency() != null ? r.latency().toMillis() : elapsed(start);
            return new LlmResponse(200, stream.releasedText(), r.model(), r.usage().inputTokens(), r.usage().outputTokens(),
                    r.usage().cachedInputTokens(), latency, null, -1);
        } catch (CancellationException e) {
            // cancelled because an output guardrail denied: bill what the model produced so far (estimated)
            long out = Math.max(1, stream.releasedText().length() / 4);
            return new LlmResponse(200, stream.releasedText(), d.providerModel(), d.context.inputTokens(), out, 0, elapsed(start), null, -1);
        } catch (ExecutionException e) {
            if (stream.blocked() != null) {
                long out = Math.max(1, stream.releasedText().length() / 4);
                return new LlmResponse(200, stream.releasedText(), d.providerModel(), d.context.inputTokens(), out, 0, elapsed(start), null, -1);
            }
            return failure(e.getCause(), start);
        } catch (TimeoutException e) {
            future.cancel(true);
            return LlmResponse.failure("timeout", elapsed(start));
        } catch (InterruptedException e) {
            if (future != null) future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while streaming from " + d.target());
        } catch (RuntimeException e) {
            return failure(e, start);
        }
    }

    private static ChatRequest chatRequest(Decision d, LlmRequest request) {
        List<ChatMessage> messages = new ArrayList<>(request.messages().size());
        for (Message m : d.messages()) messages.add(new ChatMessage(role(m.role()), m.content()));
        return new ChatRequest(d.providerModel(), messages,
                request.maxTokens() >= 0 ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, request.maxTokens())) : OptionalInt.empty(),
                OptionalDouble.empty());
    }

    private LlmResponse call(Decision d, LlmRequest request) {
        PluginExtension<ModelProvider> provider = provider(d.provider(), d.policy().name());
        ChatRequest chat = chatRequest(d, request);
        long start = System.nanoTime();
        Future<ChatResponse> future = null;
        try {
            future = host.boundary().callAsync(provider, "complete", location(d), timeout.plusSeconds(1),
                    p -> p.complete(chat, new CallOptions(request.id(), timeout)));
            ChatResponse r = future.get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            long latency = r.latency() != null ? r.latency().toMillis() : (System.nanoTime() - start) / 1_000_000;
            return new LlmResponse(200, r.text(), r.model(), r.usage().inputTokens(), r.usage().outputTokens(),
                    r.usage().cachedInputTokens(), latency, null, -1);
        } catch (ExecutionException e) {
            return failure(e.getCause(), start);
        } catch (TimeoutException e) {
            future.cancel(true);
            return LlmResponse.failure("timeout", elapsed(start));
        } catch (InterruptedException e) {
            if (future != null) future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while calling " + d.target());
        } catch (RuntimeException e) {
            return failure(e, start);
        }
    }

    private static LlmResponse failure(Throwable cause, long start) {
        if (cause instanceof ProviderException p) {
            long retryAfter = p.retryAfter().map(Duration::toMillis).orElse(-1L);
            return new LlmResponse(p.httpStatus() > 0 ? p.httpStatus() : 500, null, null, 0, 0, 0, elapsed(start),
                    p.errorClass().policyName(), retryAfter);
        }
        if (cause instanceof PluginCallException pc && pc.getCause() instanceof ProviderException p) return failure(p, start);
        // A plugin that throws or hangs is a server error for fallback purposes: the next model may still answer.
        return LlmResponse.failure(cause instanceof PluginCallException pc && pc.kind() == PluginCallException.Kind.TIMED_OUT
                ? "timeout" : "server_error", elapsed(start));
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static ChatMessage.Role role(String role) {
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "system" -> ChatMessage.Role.SYSTEM;
            case "assistant" -> ChatMessage.Role.ASSISTANT;
            default -> ChatMessage.Role.USER;
        };
    }

    private static String location(Decision d) {
        return d.policy().name() + " route " + (d.rules().isEmpty() ? "?" : d.rules().get(0)) + " -> " + d.target();
    }

    private PluginExtension<ModelProvider> provider(String providerName, String policy) {
        return providers.computeIfAbsent(providerName, name -> {
            String type = providerOverride != null ? providerOverride : name;
            EndpointConfig config = endpoints.getOrDefault(name, EndpointConfig.of(name));
            return host.createProvider(type, config, environment, policy + " provider " + name);
        });
    }
}
