package io.llmpolicy.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.llmpolicy.plugin.CallOptions;
import io.llmpolicy.plugin.ChatMessage;
import io.llmpolicy.plugin.ChatRequest;
import io.llmpolicy.plugin.ChatResponse;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.ErrorClass;
import io.llmpolicy.plugin.FinishReason;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.PluginEnvironment;
import io.llmpolicy.plugin.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MockProviderTest {
    private static final PluginEnvironment ENV = PluginEnvironment.of(Map.of(), Clock.systemUTC());
    private static final ChatRequest REQUEST = ChatRequest.of("gpt-4o",
            List.of(ChatMessage.system("You are terse."), ChatMessage.user("What is a budget window?")));

    private static ModelProvider mock(String... options) {
        EndpointConfig.Builder b = EndpointConfig.builder("mock");
        for (int i = 0; i + 1 < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        return new MockProviderFactory().create(b.build(), ENV);
    }

    private static ProviderException failure(CompletableFuture<?> call) {
        Throwable t = catchThrowable(() -> call.get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(ProviderException.class);
        return (ProviderException) t.getCause();
    }

    private static CallOptions id(String requestId) {
        return CallOptions.of(requestId);
    }

    @Test
    void complete_simulatesLatencyWithoutWaiting_andReportsIt() {
        ModelProvider p = mock("latency", "250ms", "latency_per_token", "2ms", "output_tokens", "10");
        CompletableFuture<ChatResponse> call = p.complete(REQUEST, id("r1"));

        assertThat(call).as("simulated latency never sleeps").isDone();
        ChatResponse r = call.join();
        assertThat(r.latency()).isEqualTo(Duration.ofMillis(270));
        assertThat(r.latencySimulated()).isTrue();
        assertThat(r.usage().outputTokens()).isEqualTo(10);
        assertThat(r.text().split(" ")).hasSize(10);
        assertThat(r.usage().inputTokens()).isEqualTo(MockProvider.inputTokens(REQUEST));
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void inputTokens_followTheDocumentedFormula() {
        // 3 + (4 + ceil(14/4)=4) + (4 + ceil(24/4)=6) = 21
        assertThat(MockProvider.inputTokens(REQUEST)).isEqualTo(21);
    }

    @Test
    void jitter_dependsOnlyOnTheRequestId() {
        ModelProvider a = mock("latency", "100ms", "latency_jitter", "1s");
        ModelProvider b = mock("latency", "100ms", "latency_jitter", "1s");
        List<Duration> first = new ArrayList<>();
        List<Duration> second = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            first.add(a.complete(REQUEST, id("req-" + i)).join().latency());
            second.add(b.complete(REQUEST, id("req-" + i)).join().latency());
        }
        assertThat(first).isEqualTo(second);
        assertThat(first).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(100), Duration.ofMillis(1100)));
        assertThat(first.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void latencyBeyondTheDeadline_failsAsTimeoutAtOnce() {
        CompletableFuture<ChatResponse> call = mock("latency", "5s").complete(REQUEST,
                id("r1").withTimeout(Duration.ofSeconds(2)));
        assertThat(call).isDone();
        ProviderException e = failure(call);
        assertThat(e.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo("endpoint 'mock': simulated latency PT5S exceeds the deadline PT2S");
    }

    @Test
    void realDelay_completesLater_andCanBeCancelled() {
        CompletableFuture<ChatResponse> call = mock("latency", "10s", "real_delay", "true").complete(REQUEST, id("r1"));
        assertThat(call).isNotDone();
        assertThat(call.cancel(true)).isTrue();
        assertThat(call).isCancelled();
    }

    @Test
    void realDelay_deliversTheSameResponse() throws Exception {
        ChatResponse delayed = mock("latency", "1ms", "real_delay", "true").complete(REQUEST, id("r1")).get(10, TimeUnit.SECONDS);
        ChatResponse simulated = mock("latency", "1ms").complete(REQUEST, id("r1")).join();
        assertThat(delayed).isEqualTo(simulated);
    }

    @Test
    void failFirst_failsExactlyTheFirstNCallsOfThatModel() {
        ModelProvider p = mock("fail.first.gpt-4o", "2:rate_limited:1.5s");
        for (int i = 0; i < 2; i++) {
            ProviderException e = failure(p.complete(REQUEST, id("r" + i)));
            assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
            assertThat(e.providerCode()).isEqualTo("mock_scripted");
        }
        assertThat(p.complete(REQUEST, id("r2")).join().text()).isNotEmpty();
        assertThat(p.complete(REQUEST.withModel("claude"), id("r3")).join().model()).isEqualTo("claude");
    }

    @Test
    void failFirst_wildcard_countsEachModelSeparately() {
        ModelProvider p = mock("fail.first.*", "1:server_error");
        assertThat(failure(p.complete(REQUEST, id("a"))).errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(failure(p.complete(REQUEST.withModel("other"), id("b"))).httpStatus()).isEqualTo(500);
        assertThat(p.complete(REQUEST, id("c"))).isCompleted();
        assertThat(p.complete(REQUEST.withModel("other"), id("d"))).isCompleted();
    }

    @Test
    void failFraction_isADeterministicFunctionOfTheRequestId() {
        ModelProvider a = mock("fail.fraction.gpt-4o", "0.3:server_error");
        ModelProvider b = mock("fail.fraction.gpt-4o", "0.3:server_error");
        List<Integer> failedA = new ArrayList<>();
        List<Integer> failedB = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            if (a.complete(REQUEST, id("req-" + i)).isCompletedExceptionally()) failedA.add(i);
            if (b.complete(REQUEST, id("req-" + i)).isCompletedExceptionally()) failedB.add(i);
        }
        assertThat(failedA).isEqualTo(failedB);
        assertThat(failedA.size()).isBetween(250, 350);
        assertThat(mock("fail.fraction.*", "0:timeout").complete(REQUEST, id("x"))).isCompleted();
        assertThat(failure(mock("fail.fraction.*", "1:content_filter").complete(REQUEST, id("x"))).errorClass())
                .isEqualTo(ErrorClass.CONTENT_FILTER);
    }

    @Test
    void stream_chunksConcatenateToTheWholeResponse() throws Exception {
        ModelProvider p = mock("output_tokens", "11", "chunk_words", "3");
        List<String> chunks = new CopyOnWriteArrayList<>();
        ChatResponse streamed = p.stream(REQUEST, id("r1"), chunks::add).get(10, TimeUnit.SECONDS);
        assertThat(chunks).hasSize(4);
        assertThat(String.join("", chunks)).isEqualTo(streamed.text());
        assertThat(streamed).isEqualTo(p.complete(REQUEST, id("r1")).join());
    }

    @Test
    void midstreamFailure_deliversHalfTheChunksThenFails() {
        ModelProvider p = mock("output_tokens", "16", "chunk_words", "4", "fail.midstream.*", "1:network");
        List<String> chunks = new CopyOnWriteArrayList<>();
        ProviderException e = failure(p.stream(REQUEST, id("r1"), chunks::add));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
        assertThat(chunks).hasSize(2);
        assertThat(failure(p.complete(REQUEST, id("r1"))).errorClass()).isEqualTo(ErrorClass.NETWORK);
    }

    @Test
    void cancellingAStream_stopsDelivery() throws Exception {
        ModelProvider p = mock("output_tokens", "40", "chunk_words", "1");
        AtomicReference<CompletableFuture<ChatResponse>> ref = new AtomicReference<>();
        CountDownLatch futureKnown = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        List<String> chunks = new CopyOnWriteArrayList<>();
        ref.set(p.stream(REQUEST, id("r1"), t -> {
            chunks.add(t);
            try {
                futureKnown.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ref.get().cancel(true);
            cancelled.countDown();
        }));
        futureKnown.countDown();
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> ref.get().get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(chunks).hasSize(1);
    }

    @Test
    void handlerThatThrows_failsTheStreamWithThatException() {
        IllegalStateException boom = new IllegalStateException("guardrail blocked");
        Throwable t = catchThrowable(() -> mock().stream(REQUEST, id("r1"), x -> { throw boom; }).get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class).hasCause(boom);
    }

    @Test
    void maxTokens_truncatesWithLengthFinish() {
        ChatResponse r = mock("output_tokens", "50").complete(REQUEST.withMaxTokens(7), id("r1")).join();
        assertThat(r.usage().outputTokens()).isEqualTo(7);
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void contextWindow_exceeded_isContextLength() {
        ProviderException e = failure(mock("context_window", "100").complete(REQUEST.withMaxTokens(90), id("r1")));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.CONTEXT_LENGTH);
        assertThat(e.getMessage()).contains("request needs 21 input + 90 output tokens; the context window is 100");
    }

    @Test
    void fixedReply_andModelList() {
        ModelProvider p = mock("reply", "Hello from the mock.", "models", "a, b");
        ChatResponse r = p.complete(REQUEST, id("r1")).join();
        assertThat(r.text()).isEqualTo("Hello from the mock.");
        assertThat(r.usage().outputTokens()).isEqualTo(5);
        assertThat(p.listModels(id("r2")).join()).extracting(m -> m.id()).containsExactly("a", "b");
    }

    @Test
    void invalidOptions_sayWhatIsWrong() {
        assertThatThrownBy(() -> mock("fail.first.gpt-4o", "two:rate_limited"))
                .hasMessage("mock option fail.first.gpt-4o=two:rate_limited: 'two' is not a number");
        assertThatThrownBy(() -> mock("fail.fraction.*", "1.5:server_error"))
                .hasMessageContaining("the fraction must be in [0, 1]");
        assertThatThrownBy(() -> mock("fail.first.x", "1:slow"))
                .hasMessageContaining("unknown error class 'slow'");
        assertThatThrownBy(() -> mock("fail.sometimes.x", "1:timeout"))
                .hasMessageContaining("unknown failure kind 'sometimes'");
        assertThatThrownBy(() -> mock("latency", "fast")).hasMessageContaining("latency must be a duration");
        assertThatThrownBy(() -> mock("output_tokens", "9..3")).hasMessageContaining("1 <= MIN <= MAX");
        assertThatThrownBy(() -> mock("temperature", "1")).hasMessageContaining("unknown mock option 'temperature'");
    }
}
