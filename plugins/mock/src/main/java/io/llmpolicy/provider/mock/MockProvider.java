package io.llmpolicy.provider.mock;

import io.llmpolicy.plugin.CallOptions;
import io.llmpolicy.plugin.ChatMessage;
import io.llmpolicy.plugin.ChatRequest;
import io.llmpolicy.plugin.ChatResponse;
import io.llmpolicy.plugin.ErrorClass;
import io.llmpolicy.plugin.FinishReason;
import io.llmpolicy.plugin.ModelInfo;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.ProviderException;
import io.llmpolicy.plugin.StreamHandler;
import io.llmpolicy.plugin.Usage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic provider. Design note: every call is first turned into a {@link Plan} — a scripted failure or
 * the full response with its chunks — by pure functions of the request, the request id and the seed; only the
 * "first N calls" counters are state (atomic, per rule and model), so concurrent calls stay exact. Streams are
 * delivered on virtual threads so the caller holds the future (and can cancel) before the first chunk.
 *
 * <p>Thread-safe.
 */
final class MockProvider implements ModelProvider {
    private static final Executor ASYNC = r -> Thread.ofVirtual().name("mock-provider").start(r);

    private final String endpoint;
    private final MockSettings settings;
    private final Duration defaultTimeout;
    private final ConcurrentHashMap<String, AtomicLong> calls = new ConcurrentHashMap<>();

    MockProvider(String endpoint, MockSettings settings, Duration defaultTimeout) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.defaultTimeout = defaultTimeout;
    }

    /** The outcome of one call, decided before anything is delivered. */
    private record Plan(ProviderException failure, ChatResponse response, List<String> chunks,
                        ProviderException midstream) {}

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request, CallOptions options) {
        Plan plan = plan(request, options);
        if (plan.failure != null) {
            return CompletableFuture.failedFuture(plan.failure);
        }
        if (plan.midstream != null) {
            return CompletableFuture.failedFuture(plan.midstream);
        }
        if (!settings.realDelay()) {
            return CompletableFuture.completedFuture(plan.response);
        }
        CompletableFuture<ChatResponse> out = new CompletableFuture<>();
        delayed(plan.response.latency()).execute(() -> out.complete(plan.response));
        return out;
    }

    @Override
    public CompletableFuture<ChatResponse> stream(ChatRequest request, CallOptions options, StreamHandler handler) {
        Plan plan = plan(request, options);
        if (plan.failure != null) {
            return CompletableFuture.failedFuture(plan.failure);
        }
        CompletableFuture<ChatResponse> out = new CompletableFuture<>();
        Executor executor = settings.realDelay() ? delayed(plan.response.latency()) : ASYNC;
        executor.execute(() -> {
            List<String> chunks = plan.chunks;
            for (int i = 0; i < chunks.size(); i++) {
                if (out.isDone()) {
                    return;
                }
                if (plan.midstream != null && i == chunks.size() / 2) {
                    out.completeExceptionally(plan.midstream);
                    return;
                }
                try {
                    handler.onText(chunks.get(i));
                } catch (RuntimeException | Error e) {
                    out.completeExceptionally(e);
                    return;
                }
            }
            out.complete(plan.response);
        });
        return out;
    }

    @Override
    public CompletableFuture<List<ModelInfo>> listModels(CallOptions options) {
        return CompletableFuture.completedFuture(settings.models().stream().map(m -> new ModelInfo(m, m)).toList());
    }

    private Executor delayed(Duration d) {
        return CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS, ASYNC);
    }

    private Plan plan(ChatRequest request, CallOptions options) {
        String model = request.model();
        String rid = options.requestId();
        long input = inputTokens(request);
        long reserve = request.maxTokens().orElse(0);
        if (input + reserve > settings.contextWindow()) {
            return failed(scripted(ErrorClass.CONTEXT_LENGTH, null, "context_length_exceeded",
                    "request needs " + input + " input + " + reserve + " output tokens; the context window is "
                            + settings.contextWindow()));
        }
        ProviderException midstream = null;
        for (FailureRule rule : settings.failures()) {
            if (!rule.appliesTo(model)) {
                continue;
            }
            boolean fires = switch (rule.kind()) {
                case FIRST -> calls.computeIfAbsent(rule.model() + "\u0000" + model, k -> new AtomicLong())
                        .getAndIncrement() < rule.amount();
                case FRACTION, MIDSTREAM -> Hashing.unit(Hashing.hash(settings.seed(), rule.kind().name(), rule.model(),
                        model, rid)) < rule.amount();
            };
            if (!fires) {
                continue;
            }
            ProviderException e = scripted(rule.errorClass(), rule.retryAfter().orElse(null), "mock_scripted",
                    "scripted " + rule.kind().name().toLowerCase() + " failure for model " + model);
            if (rule.kind() == FailureRule.Kind.MIDSTREAM) {
                midstream = midstream == null ? e : midstream;
            } else {
                return failed(e);
            }
        }

        String prompt = promptKey(request);
        long promptHash = Hashing.hash(settings.seed(), model, prompt);
        String text;
        long output;
        FinishReason finish = FinishReason.STOP;
        if (settings.reply().isPresent()) {
            text = settings.reply().get();
            output = MockText.tokens(text);
        } else {
            int span = settings.maxOutputTokens() - settings.minOutputTokens() + 1;
            int words = settings.minOutputTokens() + (int) Long.remainderUnsigned(promptHash, span);
            if (request.maxTokens().isPresent() && words > request.maxTokens().getAsInt()) {
                words = request.maxTokens().getAsInt();
                finish = FinishReason.LENGTH;
            }
            text = MockText.generate(promptHash, words);
            output = words;
        }
        Duration latency = settings.latency()
                .plus(settings.latencyPerToken().multipliedBy(output))
                .plusNanos(Math.round(settings.latencyJitter().toNanos()
                        * Hashing.unit(Hashing.hash(settings.seed(), "jitter", rid))));
        Duration deadline = options.timeoutOr(defaultTimeout);
        if (latency.compareTo(deadline) > 0) {
            return failed(scripted(ErrorClass.TIMEOUT, null, "mock_timeout",
                    "simulated latency " + latency + " exceeds the deadline " + deadline));
        }
        ChatResponse response = new ChatResponse("mock-" + Long.toHexString(Hashing.hash(settings.seed(), rid)),
                model, text, finish, new Usage(input, output, 0), latency, true);
        return new Plan(null, response, MockText.chunks(text, settings.chunkWords()), midstream);
    }

    private static Plan failed(ProviderException e) {
        return new Plan(e, null, List.of(), null);
    }

    private ProviderException scripted(ErrorClass c, Duration retryAfter, String code, String message) {
        int status = switch (c) {
            case RATE_LIMITED -> 429;
            case SERVER_ERROR -> 500;
            case AUTH -> 401;
            case CONTEXT_LENGTH, CONTENT_FILTER, BAD_REQUEST -> 400;
            case TIMEOUT, NETWORK -> 0;
        };
        return new ProviderException(c, status, retryAfter, code, "endpoint '" + endpoint + "': " + message, null);
    }

    /** Four tokens of framing per message plus one per four code points of content, three to prime the reply. */
    static long inputTokens(ChatRequest request) {
        long n = 3;
        for (ChatMessage m : request.messages()) {
            n += 4 + MockText.tokens(m.content());
        }
        return n;
    }

    private static String promptKey(ChatRequest request) {
        StringBuilder s = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            s.append(m.role().wireName()).append('\u0001').append(m.content()).append('\u0002');
        }
        return s.toString();
    }
}
