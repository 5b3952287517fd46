package io.llmpolicy.provider.openai;

import static io.llmpolicy.plugin.testing.LoopbackHttpServer.json;
import static io.llmpolicy.plugin.testing.LoopbackHttpServer.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.llmpolicy.plugin.Usage;
import io.llmpolicy.plugin.testing.LoopbackHttpServer;
import io.llmpolicy.plugin.testing.RawSocketServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The openai provider against real HTTP servers on loopback speaking the Chat Completions wire format. */
class OpenAiProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PluginEnvironment ENV = PluginEnvironment.of(Map.of("TEST_KEY", "sk-test"), Clock.systemUTC());
    private static final ChatRequest REQUEST = ChatRequest.of("gpt-4o",
            List.of(ChatMessage.system("be brief"), ChatMessage.user("hi"))).withMaxTokens(50);
    private static final CallOptions OPTIONS = CallOptions.of("req-1");
    private static final CallOptions SHORT = CallOptions.of("req-2").withTimeout(Duration.ofMillis(300));

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private ModelProvider provider;

    @AfterEach
    void tearDown() {
        if (provider != null) {
            provider.close();
        }
        server.close();
    }

    private ModelProvider provider(URI base, String... options) {
        EndpointConfig.Builder b = EndpointConfig.builder("main").baseUrl(base).apiKeyEnv("TEST_KEY")
                .header("X-Title", "llmpolicy-test");
        for (int i = 0; i + 1 < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        provider = new OpenAiProviderFactory().create(b.build(), ENV);
        return provider;
    }

    private ModelProvider provider() {
        return provider(server.uri("/v1"));
    }

    private static ProviderException failure(CompletableFuture<?> call) {
        Throwable t = catchThrowable(() -> call.get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(ProviderException.class);
        return (ProviderException) t.getCause();
    }

    private static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-2024-08-06",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":19,"completion_tokens":3,"total_tokens":22,
                      "prompt_tokens_details":{"cached_tokens":8}}}""";

    @Test
    void complete_success_sendsTheWireFormatAndParsesTextFinishAndUsage() throws Exception {
        server.route("/v1/chat/completions", ex -> json(ex, 200, COMPLETION));
        ChatResponse r = provider().complete(REQUEST, OPTIONS).get(10, TimeUnit.SECONDS);

        assertThat(r.id()).isEqualTo("chatcmpl-1");
        assertThat(r.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(r.text()).isEqualTo("Hello there.");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.usage()).isEqualTo(new Usage(19, 3, 8));
        assertThat(r.latencySimulated()).isFalse();

        LoopbackHttpServer.Recorded sent = server.requests().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.pathAndQuery()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(sent.header("X-Title")).isEqualTo("llmpolicy-test");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("hi");
        assertThat(body.has("stream")).isFalse();
    }

    private static final String[] STREAM = {
            "data: {\"id\":\"chatcmpl-2\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"chatcmpl-2\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n",
            ": keep-alive comment\n\n",
            "data: {\"id\":\"chatcmpl-2\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo!\"},\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"chatcmpl-2\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n",
            "data: {\"id\":\"chatcmpl-2\",\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":2,\"total_tokens\":21}}\n\n",
            "data: [DONE]\n\n"};

    @Test
    void stream_success_deliversChunksInOrderAndAggregates() throws Exception {
        server.route("/v1/chat/completions", ex -> sse(ex, STREAM));
        List<String> chunks = new CopyOnWriteArrayList<>();
        ChatResponse r = provider().stream(REQUEST, OPTIONS, chunks::add).get(10, TimeUnit.SECONDS);

        assertThat(chunks).containsExactly("Hel", "lo!");
        assertThat(r.text()).isEqualTo("Hello!");
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.usage()).isEqualTo(new Usage(19, 2, 0));
        JsonNode body = JSON.readTree(server.requests().getFirst().body());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(server.requests().getFirst().header("Accept")).isEqualTo("text/event-stream");
    }

    static List<Arguments> errorResponses() {
        return List.of(
                Arguments.of(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                        List.of("Retry-After", "7"), ErrorClass.RATE_LIMITED, Duration.ofSeconds(7), "rate_limit_exceeded"),
                Arguments.of(429, "{\"error\":{\"message\":\"slow down\",\"code\":\"429\"}}",
                        List.of("retry-after-ms", "1500"), ErrorClass.RATE_LIMITED, Duration.ofMillis(1500), "429"),
                Arguments.of(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}",
                        List.of(), ErrorClass.SERVER_ERROR, null, ""),
                Arguments.of(503, "upstream connect error", List.of(), ErrorClass.SERVER_ERROR, null, ""),
                Arguments.of(529, "{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}",
                        List.of(), ErrorClass.SERVER_ERROR, null, ""),
                Arguments.of(504, "", List.of(), ErrorClass.TIMEOUT, null, ""),
                Arguments.of(400, "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}",
                        List.of(), ErrorClass.CONTEXT_LENGTH, null, "context_length_exceeded"),
                Arguments.of(400, "{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}",
                        List.of(), ErrorClass.CONTEXT_LENGTH, null, "400"),
                Arguments.of(400, "{\"error\":{\"code\":\"content_filter\",\"message\":\"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.\"}}",
                        List.of(), ErrorClass.CONTENT_FILTER, null, "content_filter"),
                Arguments.of(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
                        List.of(), ErrorClass.AUTH, null, "invalid_api_key"),
                Arguments.of(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}",
                        List.of(), ErrorClass.BAD_REQUEST, null, "model_not_found"));
    }

    @ParameterizedTest(name = "[{index}] HTTP {0} -> {3}")
    @MethodSource("errorResponses")
    void errorStatus_isClassified_forWholeAndStreamedCalls(int status, String body, List<String> headers,
                                                           ErrorClass expected, Duration retryAfter, String code) {
        server.route("/v1/chat/completions", ex -> json(ex, status, body, headers.toArray(String[]::new)));
        ModelProvider p = provider();
        for (CompletableFuture<ChatResponse> call : List.of(p.complete(REQUEST, OPTIONS), p.stream(REQUEST, OPTIONS, t -> { }))) {
            ProviderException e = failure(call);
            assertThat(e.errorClass()).isEqualTo(expected);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.retryAfter()).isEqualTo(java.util.Optional.ofNullable(retryAfter));
            assertThat(e.providerCode()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith("endpoint 'main': HTTP " + status);
        }
    }

    @Test
    void malformedJson_inSuccess_isServerError() {
        server.route("/v1/chat/completions", ex -> json(ex, 200, "{\"id\":\"x\",\"choices\":[{\"message\""));
        ProviderException e = failure(provider().complete(REQUEST, OPTIONS));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.getMessage()).startsWith("malformed JSON");
    }

    @Test
    void malformedJson_inStreamChunk_isServerError_afterEarlierChunksWereDelivered() {
        server.route("/v1/chat/completions", ex -> sse(ex, STREAM[1], "data: {\"choices\":[{\"delta\":\n\n", STREAM[6]));
        List<String> chunks = new CopyOnWriteArrayList<>();
        ProviderException e = failure(provider().stream(REQUEST, OPTIONS, chunks::add));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(chunks).containsExactly("Hel");
    }

    @Test
    void serverIgnoringStreamTrue_isServerError_namingTheContentType() {
        server.route("/v1/chat/completions", ex -> json(ex, 200, COMPLETION));
        ProviderException e = failure(provider().stream(REQUEST, OPTIONS, t -> { }));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.getMessage()).isEqualTo("endpoint 'main': answered a stream request with 'application/json' instead of an event stream");
    }

    @Test
    void successWithoutChoices_isServerError() {
        server.route("/v1/chat/completions", ex -> json(ex, 200, "{\"id\":\"x\",\"choices\":[]}"));
        assertThat(failure(provider().complete(REQUEST, OPTIONS)).getMessage()).isEqualTo("response has no choices");
    }

    @Test
    void errorEventInsideStream_isClassifiedByItsCode() {
        server.route("/v1/chat/completions", ex -> sse(ex, STREAM[1],
                "data: {\"error\":{\"message\":\"Rate limit exceeded: free-models-per-min\",\"code\":429}}\n\n"));
        ProviderException e = failure(provider().stream(REQUEST, OPTIONS, t -> { }));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
        assertThat(e.getMessage()).contains("error in stream: Rate limit exceeded");
    }

    @Test
    void slowResponse_pastTheTimeout_isTimeout_forWholeAndStreamedCalls() {
        server.route("/v1/chat/completions", ex -> server.hang());
        ModelProvider p = provider();
        assertThat(failure(p.complete(REQUEST, SHORT)).errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(failure(p.stream(REQUEST, SHORT, t -> { })).errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    }

    @Test
    void streamThatStallsAfterFirstChunk_hitsTheWholeCallDeadline() {
        server.route("/v1/chat/completions", ex -> {
            sse(ex, STREAM[1]);
            server.hang();
        });
        List<String> chunks = new CopyOnWriteArrayList<>();
        ProviderException e = failure(provider().stream(REQUEST, SHORT, chunks::add));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(chunks).containsExactly("Hel");
    }

    @Test
    void streamEndingBeforeDone_isNetworkError_keepingDeliveredText() {
        server.route("/v1/chat/completions", ex -> sse(ex, STREAM[0], STREAM[1], "data: {\"choices\":[{\"delta\":{\"content\":\"lo"));
        List<String> chunks = new CopyOnWriteArrayList<>();
        ProviderException e = failure(provider().stream(REQUEST, OPTIONS, chunks::add));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
        assertThat(e.getMessage()).contains("stream ended before [DONE] after 3 characters");
        assertThat(chunks).containsExactly("Hel");
    }

    private static String chunk(String s) {
        return Integer.toHexString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length) + "\r\n" + s + "\r\n";
    }

    @Test
    void connectionResetInTheMiddleOfAStream_isNetworkError() {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
        try (RawSocketServer raw = RawSocketServer.start(head + chunk(STREAM[1]) + "2a\r\ndata: {\"choi",
                RawSocketServer.Then.RESET)) {
            List<String> chunks = new CopyOnWriteArrayList<>();
            ProviderException e = failure(provider(raw.uri("/v1")).stream(REQUEST, OPTIONS, chunks::add));
            assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
            assertThat(e.httpStatus()).isZero();
            assertThat(chunks).containsExactly("Hel");
        }
    }

    @Test
    void connectionResetInTheMiddleOfABody_isNetworkError() {
        String partial = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"id\":\"chat";
        try (RawSocketServer raw = RawSocketServer.start(partial, RawSocketServer.Then.RESET)) {
            assertThat(failure(provider(raw.uri("/v1")).complete(REQUEST, OPTIONS)).errorClass())
                    .isEqualTo(ErrorClass.NETWORK);
        }
    }

    @Test
    void connectionResetBeforeAnyResponse_isNetworkError() {
        try (RawSocketServer raw = RawSocketServer.start("", RawSocketServer.Then.RESET)) {
            assertThat(failure(provider(raw.uri("/v1")).complete(REQUEST, OPTIONS)).errorClass())
                    .isEqualTo(ErrorClass.NETWORK);
        }
    }

    @Test
    void connectionRefused_isNetworkError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProviderException e = failure(provider(URI.create("http://127.0.0.1:" + port + "/v1")).complete(REQUEST, OPTIONS));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
    }

    @Test
    void cancellingAStream_abortsTheExchange() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
        try (RawSocketServer raw = RawSocketServer.start(head + chunk(STREAM[1]), RawSocketServer.Then.WAIT_FOR_CLIENT_CLOSE)) {
            CountDownLatch firstText = new CountDownLatch(1);
            List<String> chunks = new CopyOnWriteArrayList<>();
            CompletableFuture<ChatResponse> call = provider(raw.uri("/v1")).stream(REQUEST, OPTIONS, t -> {
                chunks.add(t);
                firstText.countDown();
            });
            assertThat(firstText.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(call.cancel(true)).isTrue();

            assertThat(raw.clientClosed().await(10, TimeUnit.SECONDS)).as("server saw the connection closed").isTrue();
            assertThatThrownBy(call::join).isInstanceOf(CancellationException.class);
            assertThat(chunks).containsExactly("Hel");
        }
    }

    @Test
    void azure_usesApiKeyHeaderAndApiVersionQuery() throws Exception {
        server.route("/openai/deployments/gpt4o/chat/completions", ex -> json(ex, 200, COMPLETION));
        ModelProvider p = provider(server.uri("/openai/deployments/gpt4o"), "api_version", "2024-10-21",
                "max_tokens_field", "max_completion_tokens");
        assertThat(p.complete(REQUEST, OPTIONS).get(10, TimeUnit.SECONDS).text()).isEqualTo("Hello there.");
        LoopbackHttpServer.Recorded sent = server.requests().getFirst();
        assertThat(sent.pathAndQuery()).isEqualTo("/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21");
        assertThat(sent.header("api-key")).isEqualTo("sk-test");
        assertThat(sent.header("Authorization")).isNull();
        assertThat(JSON.readTree(sent.body()).path("max_completion_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void keylessServer_sendsNoAuthorization() throws Exception {
        server.route("/v1/chat/completions", ex -> json(ex, 200, COMPLETION));
        provider = new OpenAiProviderFactory().create(EndpointConfig.builder("ollama").baseUrl(server.uri("/v1")).build(), ENV);
        provider.complete(REQUEST, OPTIONS).get(10, TimeUnit.SECONDS);
        assertThat(server.requests().getFirst().header("Authorization")).isNull();
    }

    @Test
    void listModels_readsTheModelIds() throws Exception {
        server.route("/v1/models", ex -> json(ex, 200, """
                {"object":"list","data":[{"id":"gpt-4o","object":"model","owned_by":"openai"},
                                         {"id":"gpt-4o-mini","object":"model","owned_by":"openai"}]}"""));
        assertThat(provider().listModels(OPTIONS).get(10, TimeUnit.SECONDS))
                .extracting(m -> m.id()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(server.requests().getFirst().method()).isEqualTo("GET");
    }

    @Test
    void invalidConfiguration_isRejectedAtCreation() {
        OpenAiProviderFactory f = new OpenAiProviderFactory();
        assertThatThrownBy(() -> f.create(EndpointConfig.builder("x").option("api_versoin", "1").build(), ENV))
                .hasMessageContaining("unknown openai option 'api_versoin'").hasMessageContaining("api_version");
        assertThatThrownBy(() -> f.create(EndpointConfig.builder("x").option("auth", "bearer").build(), ENV))
                .hasMessageContaining("needs apiKeyEnv");
        assertThatThrownBy(() -> f.create(EndpointConfig.builder("x").apiKeyEnv("MISSING").build(), ENV))
                .hasMessageContaining("environment variable MISSING");
        assertThatThrownBy(() -> f.create(EndpointConfig.builder("x").header("Host", "evil").build(), ENV))
                .hasMessageContaining("header 'Host' cannot be set");
    }
}
