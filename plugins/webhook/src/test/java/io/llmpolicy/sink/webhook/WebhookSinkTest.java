package io.llmpolicy.sink.webhook;

import static io.llmpolicy.plugin.testing.LoopbackHttpServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmpolicy.plugin.Alert;
import io.llmpolicy.plugin.AlertDeliveryException;
import io.llmpolicy.plugin.AlertSink;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.PluginEnvironment;
import io.llmpolicy.plugin.testing.LoopbackHttpServer;
import io.llmpolicy.plugin.testing.RawSocketServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook sink against a real HTTP server on loopback. */
class WebhookSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PluginEnvironment ENV = PluginEnvironment.of(Map.of("HOOK_TOKEN", "t0k"), Clock.systemUTC());
    private static final Alert ALERT = new Alert("budget.threshold", "per_team", "team-a", 0.8, 0.83,
            "team-a spent 83% of its monthly budget", Instant.parse("2026-11-27T10:00:00Z"));

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private AlertSink sink;

    @AfterEach
    void tearDown() {
        if (sink != null) {
            sink.close();
        }
        server.close();
    }

    private AlertSink sink(EndpointConfig.Builder b) {
        sink = new WebhookSinkFactory().create(b.build(), ENV);
        return sink;
    }

    private AlertSink sink() {
        return sink(EndpointConfig.builder("ops").baseUrl(server.uri("/hook")).apiKeyEnv("HOOK_TOKEN")
                .header("X-Env", "test"));
    }

    private static AlertDeliveryException failure(CompletableFuture<Void> f) {
        Throwable t = catchThrowable(() -> f.get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(AlertDeliveryException.class);
        return (AlertDeliveryException) t.getCause();
    }

    @Test
    void send_postsTheAlertAsJson() throws Exception {
        server.route("/hook", ex -> json(ex, 204, ""));
        sink().send(ALERT).get(10, TimeUnit.SECONDS);

        LoopbackHttpServer.Recorded sent = server.requests().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer t0k");
        assertThat(sent.header("X-Env")).isEqualTo("test");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.path("source").asText()).isEqualTo("llmpolicy");
        assertThat(body.path("kind").asText()).isEqualTo("budget.threshold");
        assertThat(body.path("rule").asText()).isEqualTo("per_team");
        assertThat(body.path("key").asText()).isEqualTo("team-a");
        assertThat(body.path("threshold").asDouble()).isEqualTo(0.8);
        assertThat(body.path("value").asDouble()).isEqualTo(0.83);
        assertThat(body.path("time").asText()).isEqualTo("2026-11-27T10:00:00Z");
    }

    @Test
    void slackFormat_sendsOneTextField() throws Exception {
        server.route("/hook", ex -> json(ex, 200, "ok"));
        sink(EndpointConfig.builder("slack").baseUrl(server.uri("/hook")).option("format", "slack")).send(ALERT)
                .get(10, TimeUnit.SECONDS);
        JsonNode body = JSON.readTree(server.requests().getFirst().body());
        assertThat(body.properties()).hasSize(1);
        assertThat(body.path("text").asText())
                .isEqualTo("[llmpolicy] budget.threshold per_team (team-a): team-a spent 83% of its monthly budget");
        assertThat(server.requests().getFirst().header("Authorization")).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 404, 500, 503})
    void nonSuccessStatus_isReportedWithTheStatusAndBody(int status) {
        server.route("/hook", ex -> json(ex, status, "{\"error\":\"nope\"}"));
        AlertDeliveryException e = failure(sink().send(ALERT));
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.sink()).isEqualTo("ops");
        assertThat(e.getMessage()).isEqualTo("alert sink 'ops': receiver answered HTTP " + status + ": {\"error\":\"nope\"}");
    }

    @Test
    void slowReceiver_pastTheTimeout_isReportedAsATimeout() {
        server.route("/hook", ex -> server.hang());
        AlertDeliveryException e = failure(sink(EndpointConfig.builder("ops").baseUrl(server.uri("/hook"))
                .requestTimeout(Duration.ofMillis(300))).send(ALERT));
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("within PT0.3S");
    }

    @Test
    void resetConnection_isReportedAsAConnectionFailure() {
        try (RawSocketServer raw = RawSocketServer.start("", RawSocketServer.Then.RESET)) {
            AlertDeliveryException e = failure(sink(EndpointConfig.builder("ops").baseUrl(raw.uri("/hook"))).send(ALERT));
            assertThat(e.httpStatus()).isZero();
            assertThat(e.getMessage()).contains("connection failed");
        }
    }

    @Test
    void invalidConfiguration_isRejectedAtCreation() {
        WebhookSinkFactory f = new WebhookSinkFactory();
        assertThatThrownBy(() -> f.create(EndpointConfig.of("nowhere"), ENV))
                .hasMessage("webhook sink 'nowhere' needs a URL (baseUrl)");
        assertThatThrownBy(() -> f.create(EndpointConfig.builder("x").baseUrl("http://127.0.0.1:1/")
                .option("format", "xml").build(), ENV)).hasMessageContaining("format must be json or slack");
    }
}
