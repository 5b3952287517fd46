package io.llmpolicy.provider.anthropic;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/** The anthropic provider against real HTTP servers on loopback speaking the Messages API. */
class AnthropicProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final PluginEnvironment ENV = PluginEnvironment.of(Map.of("ANTHROPIC_KEY", "sk-ant-test"), CLOCK);
    private static final ChatRequest REQUEST = ChatRequest.of("claude-sonnet-4",
            List.of(ChatMessage.system("be brief"), ChatMessage.system("be kind"), ChatMessage.user("hi")));
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

    private ModelProvider provider(URI base) {
        provider = new AnthropicProviderFactory().create(
                EndpointConfig.builder("claude").baseUrl(base).apiKeyEnv("ANTHROPIC_KEY").build(), ENV);
        return provider;
    }

    private ModelProvider provider() {
        return provider(server.uri(""));
    }

    private static ProviderException failure(CompletableFuture<?> call) {
        Throwable t = catchThrowable(() -> call.get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(ProviderException.class);
        return (ProviderException) t.getCause();
    }

    private static final String MESSAGE = """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
             "content":[{"type":"text","text":"Hello"},{"type":"text","text":" there."}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"cache_creation_input_tokens":5,"cache_read_input_tokens":30,"output_tokens":4}}""";

    @Test
    void complete_success_sendsTheWireFormatAndNormalisesUsage() throws Exception {
        server.route("/v1/messages", ex -> json(ex, 200, MESSAGE));
        ChatResponse r = provider().complete(REQUEST, OPTIONS).get(10, TimeUnit.SECONDS);

        assertThat(r.id()).isEqualTo("msg_01");
        assertThat(r.model()).isEqualTo("claude-sonnet-4-20250514");
        assertThat(r.text()).isEqualTo("Hello there.");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.usage()).isEqualTo(new Usage(47, 4, 30));

        LoopbackHttpServer.Recorded sent = server.requests().getFirst();
        assertThat(sent.pathAndQuery()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.path("system").asText()).isEqualTo("be brief\n\nbe kind");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
    }

    private static final String[] STREAM = {
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_02\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":25,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: ping\ndata: {\"type\": \"ping\"}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"lo!\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"};

    @Test
    void stream_success_deliversTextDeltasAndAggregates() throws Exception {
        server.route("/v1/messages", ex -> sse(ex, STREAM));
        List<String> chunks = new CopyOnWriteArrayList<>();
        ChatResponse r = provider().stream(REQUEST.withMaxTokens(15), OPTIONS, chunks::add).get(10, TimeUnit.SECONDS);

        assertThat(chunks).containsExactly("Hel", "lo!");
        assertThat(r.text()).isEqualTo("Hello!");
        assertThat(r.id()).isEqualTo("msg_02");
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.usage()).isEqualTo(new Usage(25, 15, 0));
        JsonNode body = JSON.readTree(server.requests().getFirst().body());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(15);
    }

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    static List<Arguments> errorResponses() {
        return List.of(
                Arguments.of(429, error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
                        List.of("retry-after", "12"), ErrorClass.RATE_LIMITED, Duration.ofSeconds(12)),
                Arguments.of(429, error("rate_limit_error", "slow down"),
                        List.of("retry-after", "Fri, 27 Nov 2026 10:01:00 GMT"), ErrorClass.RATE_LIMITED, Duration.ofSeconds(60)),
                Arguments.of(529, error("overloaded_error", "Overloaded"), List.of(), ErrorClass.SERVER_ERROR, null),
                Arguments.of(500, error("api_error", "Internal server error"), List.of(), ErrorClass.SERVER_ERROR, null),
                Arguments.of(502, "<html>bad gateway</html>", List.of(), ErrorClass.SERVER_ERROR, null),
                Arguments.of(400, error("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"),
                        List.of(), ErrorClass.CONTEXT_LENGTH, null),
                Arguments.of(413, error("request_too_large", "Request exceeds the maximum allowed number of bytes"),
                        List.of(), ErrorClass.CONTEXT_LENGTH, null),
                Arguments.of(400, error("invalid_request_error", "Output blocked by content filtering policy"),
                        List.of(), ErrorClass.CONTENT_FILTER, null),
                Arguments.of(400, error("invalid_request_error", "messages: roles must alternate"),
                        List.of(), ErrorClass.BAD_REQUEST, null),
                Arguments.of(401, error("authentication_error", "invalid x-api-key"), List.of(), ErrorClass.AUTH, null),
                Arguments.of(403, error("permission_error", "no access to model"), List.of(), ErrorClass.AUTH, null),
                Arguments.of(404, error("not_found_error", "model: claude-9"), List.of(), ErrorClass.BAD_REQUEST, null),
                Arguments.of(504, error("timeout_error", "Request timed out"), List.of(), ErrorClass.TIMEOUT, null));
    }

    @ParameterizedTest(name = "[{index}] HTTP {0} -> {3}")
    @MethodSource("errorResponses")
    void errorStatus_isClassified_forWholeAndStreamedCalls(int status, String body, List<String> headers,
                                                           ErrorClass expected, Duration retryAfter) {
        server.route("/v1/messages", ex -> json(ex, status, body, headers.toArray(String[]::new)));
        ModelProvider p = provider();
        for (CompletableFuture<ChatResponse> call : List.of(p.complete(REQUEST, OPTIONS), p.stream(REQUEST, OPTIONS, t -> { }))) {
            ProviderException e = failure(call);
            assertThat(e.errorClass()).isEqualTo(expected);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.retryAfter()).isEqualTo(Optional.ofNullable(retryAfter));
            assertThat(e.getMessage()).startsWith("endpoint 'claude': HTTP " + status);
        }
    }

    @Test
    void overloadedErrorEvent_midStream_isServerError_afterTextWasDelivered() {
        server.route("/v1/messages", ex -> sse(ex, STREAM[0], STREAM[3],
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"));
        List<String> chunks = new CopyOnWriteArrayList<>();
        ProviderException e = failure(provider().stream(REQUEST, OPTIONS, chunks::add));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(e.providerCode()).isEqualTo("overloaded_error");
        assertThat(chunks).containsExactly("Hel");
    }

    @Test
    void malformedJson_isServerError() {
        server.route("/v1/messages", ex -> json(ex, 200, "{\"id\":\"msg\",\"content\":[{\"type\":"));
        assertThat(failure(provider().complete(REQUEST, OPTIONS)).errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
    }

    @Test
    void malformedJson_inStreamEvent_isServerError() {
        server.route("/v1/messages", ex -> sse(ex, STREAM[0], "event: content_block_delta\ndata: {\"type\":\"content_\n\n"));
        assertThat(failure(provider().stream(REQUEST, OPTIONS, t -> { })).errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
    }

    @Test
    void slowResponse_pastTheTimeout_isTimeout() {
        server.route("/v1/messages", ex -> server.hang());
        ModelProvider p = provider();
        assertThat(failure(p.complete(REQUEST, SHORT)).errorClass()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(failure(p.stream(REQUEST, SHORT, t -> { })).errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    }

    @Test
    void streamEndingBeforeMessageStop_isNetworkError() {
        server.route("/v1/messages", ex -> sse(ex, STREAM[0], STREAM[1], STREAM[3], "event: content_block_delta\ndata: {\"ty"));
        List<String> chunks = new CopyOnWriteArrayList<>();
        ProviderException e = failure(provider().stream(REQUEST, OPTIONS, chunks::add));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
        assertThat(e.getMessage()).contains("stream ended before message_stop after 3 characters");
        assertThat(chunks).containsExactly("Hel");
    }

    private static String chunk(String s) {
        return Integer.toHexString(s.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + s + "\r\n";
    }

    @Test
    void connectionResetMidStream_isNetworkError() {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
        try (RawSocketServer raw = RawSocketServer.start(head + chunk(STREAM[0]) + chunk(STREAM[3]) + "40\r\nevent: cont",
                RawSocketServer.Then.RESET)) {
            List<String> chunks = new CopyOnWriteArrayList<>();
            ProviderException e = failure(provider(raw.uri("")).stream(REQUEST, OPTIONS, chunks::add));
            assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
            assertThat(chunks).containsExactly("Hel");
        }
    }

    @Test
    void connectionResetMidBody_isNetworkError() {
        try (RawSocketServer raw = RawSocketServer.start(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n{\"id\":", RawSocketServer.Then.RESET)) {
            assertThat(failure(provider(raw.uri("")).complete(REQUEST, OPTIONS)).errorClass()).isEqualTo(ErrorClass.NETWORK);
        }
    }

    @Test
    void cancellingAStream_abortsTheExchange() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
        try (RawSocketServer raw = RawSocketServer.start(head + chunk(STREAM[0]) + chunk(STREAM[3]),
                RawSocketServer.Then.WAIT_FOR_CLIENT_CLOSE)) {
            CountDownLatch firstText = new CountDownLatch(1);
            CompletableFuture<ChatResponse> call = provider(raw.uri("")).stream(REQUEST, OPTIONS, t -> firstText.countDown());
            assertThat(firstText.await(10, TimeUnit.SECONDS)).isTrue();
            call.cancel(true);
            assertThat(raw.clientClosed().await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(call::join).isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void listModels_readsIdsAndDisplayNames() throws Exception {
        server.route("/v1/models", ex -> json(ex, 200, """
                {"data":[{"type":"model","id":"claude-sonnet-4-20250514","display_name":"Claude Sonnet 4"}],
                 "has_more":false,"first_id":"claude-sonnet-4-20250514","last_id":"claude-sonnet-4-20250514"}"""));
        assertThat(provider().listModels(OPTIONS).get(10, TimeUnit.SECONDS))
                .singleElement().satisfies(m -> {
                    assertThat(m.id()).isEqualTo("claude-sonnet-4-20250514");
                    assertThat(m.displayName()).isEqualTo("Claude Sonnet 4");
                });
        assertThat(server.requests().getFirst().header("x-api-key")).isEqualTo("sk-ant-test");
    }

    @Test
    void invalidOptions_areRejectedAtCreation() {
        AnthropicProviderFactory f = new AnthropicProviderFactory();
        assertThatThrownBy(() -> f.create(EndpointConfig.builder("x").option("default_max_tokens", "lots").build(), ENV))
                .hasMessageContaining("default_max_tokens must be a positive integer");
        assertThatThrownBy(() -> f.create(EndpointConfig.builder("x").option("version", "1").build(), ENV))
                .hasMessageContaining("unknown anthropic option 'version'");
    }
}
