package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.llmpolicy.plugin.AlertSink;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.PluginEnvironment;
import io.llmpolicy.plugin.host.PluginHost;
import io.llmpolicy.sink.webhook.WebhookSinkFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budget and eval alerts reach the webhook plugin, posted to a real HTTP server on loopback. */
class AlertsTest {
    @TempDir
    Path dir;
    HttpServer server;
    final BlockingQueue<String> posted = new LinkedBlockingQueue<>();
    PluginHost host;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alerts", ex -> {
            posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        host = PluginHost.builder().builtIn("webhook", "0.1.0", new WebhookSinkFactory()).start();
    }

    @AfterEach
    void stop() {
        host.close();
        server.stop(0);
    }

    private AlertSink sink() {
        EndpointConfig config = EndpointConfig.builder("ops").baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts").build();
        return host.createAlertSink("webhook", config, PluginEnvironment.system(), "test").extension();
    }

    @Test
    void budgetThresholds_andEvalPassRate_arePostedToTheWebhook() throws Exception {
        List<io.llmpolicy.eval.online.Alert> evalAlerts = new CopyOnWriteArrayList<>();
        Path policy = Policies.write(dir, """
                policy "alerts" version "1"
                request { team: string }
                model a = openai "gpt-4o" price in $2.50/M out $10/M
                route r { otherwise -> a }
                budget team by request.team { limit 4 requests per day; alert at 50% }
                eval answers { assert "non-empty": len(output) > 0; alert when pass_rate < 90% over 1h }
                """);
        PolicyEngine e = PolicyEngine.builder().policy(policy).alertSink(sink()).evalAlerts(evalAlerts::add).build();
        for (int i = 0; i < 2; i++) {
            LlmRequest r = LlmRequest.builder("r" + i).user("hi").attribute("team", "search")
                    .timestamp(Instant.parse("2026-03-10T10:00:00Z")).build();
            e.complete(e.decide(r), LlmResponse.success(i == 0 ? "" : "ok", 10, 5, 100));
        }
        String first = posted.poll(10, TimeUnit.SECONDS);
        String second = posted.poll(10, TimeUnit.SECONDS);
        assertThat(List.of(first, second)).anySatisfy(body -> assertThat(body).contains("budget.threshold").contains("\"search\""));
        assertThat(List.of(first, second)).anySatisfy(body -> assertThat(body).contains("eval.threshold").contains("answers"));
        assertThat(evalAlerts).hasSize(1);
        assertThat(e.alertDeliveryFailures()).isZero();
    }

    @Test
    void evalLatencyAggregate_andAnOrOfConditions_fireOncePerWindow() {
        List<io.llmpolicy.eval.online.Alert> evalAlerts = new CopyOnWriteArrayList<>();
        Path policy = Policies.write(dir, """
                policy "lat" version "1"
                model a = openai "gpt-4o"
                route r { otherwise -> a }
                eval speed { assert "answered": len(output) > 0; alert when p95(latency) > 1s or pass_rate < 50% over 1h }
                """);
        PolicyEngine e = PolicyEngine.builder().policy(policy).evalAlerts(evalAlerts::add).build();
        for (int i = 0; i < 5; i++) {
            LlmRequest r = LlmRequest.builder("l" + i).user("hi").timestamp(Instant.parse("2026-03-10T10:00:00Z")).build();
            e.complete(e.decide(r), LlmResponse.success("ok", 10, 5, 2_500));
        }
        assertThat(evalAlerts).singleElement().satisfies(a -> assertThat(a.describe()).contains("p95(latency)"));
        LlmRequest later = LlmRequest.builder("l9").user("hi").timestamp(Instant.parse("2026-03-10T11:30:00Z")).build();
        e.complete(e.decide(later), LlmResponse.success("ok", 10, 5, 2_500));
        assertThat(evalAlerts).as("a new window fires again").hasSize(2);
    }
}
