package io.llmpolicy.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.llmpolicy.plugin.CallOptions;
import io.llmpolicy.plugin.ChatRequest;
import io.llmpolicy.plugin.ChatResponse;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.ErrorClass;
import io.llmpolicy.plugin.Finding;
import io.llmpolicy.plugin.FunctionSignature;
import io.llmpolicy.plugin.GuardrailDetector;
import io.llmpolicy.plugin.ModelInfo;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.ModelProviderFactory;
import io.llmpolicy.plugin.PluginEnvironment;
import io.llmpolicy.plugin.PolicyFunction;
import io.llmpolicy.plugin.ProviderException;
import io.llmpolicy.plugin.StreamHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The call boundary and host registry with in-process (built-in) extensions. */
class PluginBoundaryTest {
    private static final PluginEnvironment ENV = PluginEnvironment.of(Map.of(), Clock.systemUTC());
    private PluginHost host;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
        if (host != null) {
            host.close();
        }
    }

    private static PolicyFunction function(String declaration, Function<List<Object>, Object> body) {
        FunctionSignature sig = FunctionSignature.parse(declaration, "");
        return new PolicyFunction() {
            @Override
            public FunctionSignature signature() {
                return sig;
            }

            @Override
            public Object apply(List<Object> arguments) {
                return body.apply(arguments);
            }
        };
    }

    /** A provider whose calls return what the test supplies. */
    private static final class ScriptedProvider implements ModelProvider {
        final AtomicReference<Function<ChatRequest, CompletableFuture<ChatResponse>>> script = new AtomicReference<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public String endpoint() {
            return "scripted";
        }

        @Override
        public CompletableFuture<ChatResponse> complete(ChatRequest request, CallOptions options) {
            return script.get().apply(request);
        }

        @Override
        public CompletableFuture<ChatResponse> stream(ChatRequest r, CallOptions o, StreamHandler h) {
            return script.get().apply(r);
        }

        @Override
        public CompletableFuture<List<ModelInfo>> listModels(CallOptions options) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static ModelProviderFactory factory(String type, ModelProvider provider) {
        return new ModelProviderFactory() {
            @Override
            public String providerType() {
                return type;
            }

            @Override
            public ModelProvider create(EndpointConfig config, PluginEnvironment environment) {
                if (config.option("reject").isPresent()) {
                    throw new IllegalArgumentException("endpoint '" + config.name() + "': bad option");
                }
                return config.option("null").isPresent() ? null : provider;
            }
        };
    }

    private PluginHost host(PluginHost.Builder b) {
        host = b.start();
        return host;
    }

    @Test
    void directCall_runsOnTheCallersThread_andWrapsExceptions() {
        PluginHost h = host(PluginHost.builder().callTimeout(Duration.ZERO)
                .builtIn("fx", "1.0", function("fx.where() -> string", a -> Thread.currentThread().getName()),
                        function("fx.fail() -> bool", a -> { throw new UnsupportedOperationException("nope"); })));
        assertThat(h.boundary().invoke(h.function("fx.where").orElseThrow(), List.of(), "p:1:1"))
                .isEqualTo(Thread.currentThread().getName());
        PluginCallException e = catchThrowableOfType(PluginCallException.class,
                () -> h.boundary().invoke(h.function("fx.fail").orElseThrow(), List.of(), ""));
        assertThat(e).hasMessage("plugin 'fx' fx.fail threw UnsupportedOperationException: nope");
    }

    @Test
    void pooledCall_runsOnAPluginCallThread() {
        PluginHost h = host(PluginHost.builder().callTimeout(Duration.ofSeconds(5))
                .builtIn("fx", "1.0", function("fx.where() -> string", a -> Thread.currentThread().getName())));
        assertThat((String) h.boundary().invoke(h.function("fx.where").orElseThrow(), List.of(), "p:1:1"))
                .startsWith("llmpolicy-plugin-call-");
    }

    @Test
    void fullPool_rejectsInsteadOfQueueingForever() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        PluginHost h = host(PluginHost.builder().callTimeout(Duration.ofSeconds(30)).callPool(1, 1)
                .builtIn("fx", "1.0", function("fx.block() -> bool", a -> {
                    running.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return true;
                })));
        PluginFunction block = h.function("fx.block").orElseThrow();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        Future<Object> first = callers.submit(() -> h.boundary().invoke(block, List.of(), "p:1:1"));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Object> second = callers.submit(() -> h.boundary().invoke(block, List.of(), "p:2:1"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.boundary().queuedCalls() == 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        PluginCallException e = catchThrowableOfType(PluginCallException.class,
                () -> h.boundary().invoke(block, List.of(), "p:3:1"));
        assertThat(e.kind()).isEqualTo(PluginCallException.Kind.REJECTED);
        assertThat(e.getMessage()).contains("all 1 plugin call threads are busy and 1 calls are queued");
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(true);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(true);
        callers.shutdown();
    }

    @Test
    void interruptedCaller_getsAnInterruptedError() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        PluginHost h = host(PluginHost.builder().callTimeout(Duration.ofSeconds(30))
                .builtIn("fx", "1.0", function("fx.block() -> bool", a -> {
                    running.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return true;
                })));
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread caller = new Thread(() -> seen.set(catchThrowable(
                () -> h.boundary().invoke(h.function("fx.block").orElseThrow(), List.of(), "p:1:1"))));
        caller.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(seen.get()).isInstanceOfSatisfying(PluginCallException.class,
                e -> assertThat(e.kind()).isEqualTo(PluginCallException.Kind.INTERRUPTED));
    }

    @Test
    void invoke_checksArgumentsAgainstTheSignature_andCoercesThem() {
        PluginHost h = host(PluginHost.builder().callTimeout(Duration.ZERO)
                .builtIn("fx", "1.0", function("fx.double(tokens) -> tokens", a -> (Long) a.get(0) * 2)));
        PluginFunction f = h.function("fx.double").orElseThrow();
        assertThat(h.boundary().invoke(f, List.of(21), "p:1:1")).isEqualTo(42L);
        assertThatThrownBy(() -> h.boundary().invoke(f, List.of(), "p:1:1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fx.double takes 1 argument(s), got 0 at p:1:1");
        assertThatThrownBy(() -> h.boundary().invoke(f, List.of("x"), "p:1:1"))
                .hasMessage("fx.double argument 1: expected tokens but got String x at p:1:1");
    }

    @Test
    void scan_nullResult_isABadResult() {
        GuardrailDetector nulls = new GuardrailDetector() {
            @Override
            public String id() {
                return "fx.nulls";
            }

            @Override
            public List<Finding> scan(String text) {
                return null;
            }
        };
        PluginHost h = host(PluginHost.builder().builtIn("fx", "1.0", nulls));
        PluginCallException e = catchThrowableOfType(PluginCallException.class,
                () -> h.boundary().scan(h.detector("fx.nulls").orElseThrow(), "t", "g:1:1", Duration.ZERO));
        assertThat(e.kind()).isEqualTo(PluginCallException.Kind.BAD_RESULT);
    }

    @Test
    void callAsync_passesProviderFailuresThrough_andWrapsEverythingElse() throws Exception {
        ScriptedProvider scripted = new ScriptedProvider();
        PluginHost h = host(PluginHost.builder().builtIn("prov", "1.0", factory("scripted", scripted)));
        PluginExtension<ModelProvider> p = h.createProvider("scripted", EndpointConfig.of("s"), ENV, "models:1:1");
        ChatRequest req = ChatRequest.of("m", List.of(io.llmpolicy.plugin.ChatMessage.user("hi")));
        Function<ModelProvider, CompletableFuture<ChatResponse>> call = x -> x.complete(req, CallOptions.of("r"));

        ProviderException limited = new ProviderException(ErrorClass.RATE_LIMITED, 429, Duration.ofSeconds(1), "", "slow", null);
        scripted.script.set(r -> CompletableFuture.failedFuture(limited));
        Throwable t = catchThrowable(() -> h.boundary().callAsync(p, "complete", "route:4:3", Duration.ofSeconds(5), call).get());
        assertThat(t).isInstanceOf(ExecutionException.class).cause().isSameAs(limited);

        scripted.script.set(r -> CompletableFuture.failedFuture(new NullPointerException("bug")));
        t = catchThrowable(() -> h.boundary().callAsync(p, "complete", "route:4:3", Duration.ofSeconds(5), call).get());
        assertThat(t.getCause()).isInstanceOf(PluginCallException.class)
                .hasMessage("plugin 'prov' complete at route:4:3 threw NullPointerException: bug");

        scripted.script.set(r -> { throw new IllegalStateException("sync"); });
        t = catchThrowable(() -> h.boundary().callAsync(p, "complete", "route:4:3", Duration.ofSeconds(5), call).get());
        assertThat(((PluginCallException) t.getCause()).kind()).isEqualTo(PluginCallException.Kind.THREW);

        scripted.script.set(r -> { throw limited; });
        t = catchThrowable(() -> h.boundary().callAsync(p, "complete", "route:4:3", Duration.ofSeconds(5), call).get());
        assertThat(t.getCause()).as("a classified failure thrown synchronously still passes through").isSameAs(limited);

        scripted.script.set(r -> null);
        t = catchThrowable(() -> h.boundary().callAsync(p, "complete", "route:4:3", Duration.ofSeconds(5), call).get());
        assertThat(((PluginCallException) t.getCause()).kind()).isEqualTo(PluginCallException.Kind.BAD_RESULT);
    }

    @Test
    void callAsync_futureThatNeverCompletes_timesOut_andIsCancelled() {
        ScriptedProvider scripted = new ScriptedProvider();
        CompletableFuture<ChatResponse> never = new CompletableFuture<>();
        scripted.script.set(r -> never);
        PluginHost h = host(PluginHost.builder().builtIn("prov", "1.0", factory("scripted", scripted)));
        PluginExtension<ModelProvider> p = h.createProvider("scripted", EndpointConfig.of("s"), ENV, "models:1:1");
        ChatRequest req = ChatRequest.of("m", List.of(io.llmpolicy.plugin.ChatMessage.user("hi")));

        Throwable t = catchThrowable(() -> h.boundary().callAsync(p, "stream", "route:9:1", Duration.ofMillis(200),
                x -> x.stream(req, CallOptions.of("r"), s -> { })).get(10, TimeUnit.SECONDS));
        assertThat(t.getCause()).isInstanceOfSatisfying(PluginCallException.class,
                e -> assertThat(e.kind()).isEqualTo(PluginCallException.Kind.TIMED_OUT));
        assertThat(never).isCancelled();
    }

    @Test
    void callAsync_cancellingTheResult_cancelsThePluginsFuture() {
        ScriptedProvider scripted = new ScriptedProvider();
        CompletableFuture<ChatResponse> inner = new CompletableFuture<>();
        scripted.script.set(r -> inner);
        PluginHost h = host(PluginHost.builder().builtIn("prov", "1.0", factory("scripted", scripted)));
        PluginExtension<ModelProvider> p = h.createProvider("scripted", EndpointConfig.of("s"), ENV, "models:1:1");
        ChatRequest req = ChatRequest.of("m", List.of(io.llmpolicy.plugin.ChatMessage.user("hi")));
        CompletableFuture<ChatResponse> out = h.boundary().callAsync(p, "complete", "r:1:1", Duration.ZERO,
                x -> x.complete(req, CallOptions.of("r")));
        out.cancel(true);
        assertThat(inner).isCancelled();
        assertThatThrownBy(out::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void createProvider_reportsUnknownTypesAndFactoryFailures() {
        ScriptedProvider scripted = new ScriptedProvider();
        PluginHost h = host(PluginHost.builder().builtIn("prov", "1.0", factory("openai", scripted)));
        assertThatThrownBy(() -> h.createProvider("opneai", EndpointConfig.of("x"), ENV, "m:1:1"))
                .isInstanceOf(UnknownExtensionException.class)
                .hasMessage("no plugin provides provider type 'opneai'; did you mean 'openai'?; loaded: openai");
        PluginCallException e = catchThrowableOfType(PluginCallException.class, () -> h.createProvider("openai",
                EndpointConfig.builder("eu").option("reject", "1").build(), ENV, "models.llmpolicy:7:1"));
        assertThat(e).hasMessage("plugin 'prov' create at models.llmpolicy:7:1 threw IllegalArgumentException: endpoint 'eu': bad option");
        PluginCallException n = catchThrowableOfType(PluginCallException.class, () -> h.createProvider("openai",
                EndpointConfig.builder("eu").option("null", "1").build(), ENV, "m:1:1"));
        assertThat(n.kind()).isEqualTo(PluginCallException.Kind.BAD_RESULT);
    }

    @Test
    void close_closesCreatedProviders() {
        ScriptedProvider scripted = new ScriptedProvider();
        PluginHost h = PluginHost.builder().builtIn("prov", "1.0", factory("x", scripted)).start();
        h.createProvider("x", EndpointConfig.of("x"), ENV, "m:1:1");
        h.close();
        assertThat(scripted.closed).isTrue();
    }

    @Test
    void builtIns_areReported_andBadOnesFailWithoutStoppingOthers() {
        PluginHost h = host(PluginHost.builder()
                .builtIn("mockish", "0.1.0", factory("mock", new ScriptedProvider()))
                .builtIn("copycat", "0.2.0", factory("mock", new ScriptedProvider()))
                .builtIn("junk", "1.0", "not an extension")
                .builtIn("blank", "1.0", function("blank.f() -> bool", a -> true), new GuardrailDetector() {
                    @Override
                    public String id() {
                        return " ";
                    }

                    @Override
                    public List<Finding> scan(String text) {
                        return List.of();
                    }
                }));
        PluginReport r = h.report();
        assertThat(r.plugin("mockish").orElseThrow().extensions()).containsExactly("provider mock");
        assertThat(r.plugin("mockish").orElseThrow().location()).isEqualTo("classpath");
        assertThat(r.plugin("copycat").orElseThrow().extensions()).containsExactly("provider mock (ignored: duplicate)");
        assertThat(r.plugin("junk").orElseThrow().reason()).isEqualTo("extension failed: java.lang.String implements none of the llmpolicy extension points");
        assertThat(r.plugin("blank").orElseThrow().state()).isEqualTo(PluginStatus.State.FAILED);
        assertThat(h.function("blank.f")).as("a failed plugin registers none of its extensions").isEmpty();
        assertThat(h.providerTypes()).containsExactly("mock");
        assertThat(r.directory()).isEmpty();
        assertThatThrownBy(() -> PluginHost.builder().builtIn(" ", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingDirectory_isAWarning_notAFailure() {
        PluginHost h = host(PluginHost.builder().pluginsDirectory(java.nio.file.Path.of("does/not/exist")));
        assertThat(h.report().plugins()).isEmpty();
        assertThat(h.report().warnings()).containsExactly("plugin directory does/not/exist does not exist or is not a directory");
    }
}
