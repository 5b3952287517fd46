package io.llmpolicy.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.plugin.Alert;
import io.llmpolicy.plugin.AlertSink;
import io.llmpolicy.plugin.CallOptions;
import io.llmpolicy.plugin.ChatMessage;
import io.llmpolicy.plugin.ChatRequest;
import io.llmpolicy.plugin.ChatResponse;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.Finding;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.PluginEnvironment;
import io.llmpolicy.plugin.testing.LoopbackHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the plugin zips the build produced — the built-in plugins and the example third-party plugin, each built
 * as its own artefact and copied to target/packaged-plugins by this module's build — from a directory, and uses
 * them. Jackson is on no class path here but the plugins' own lib/, so this also proves the zips are
 * self-contained.
 */
class PackagedPluginsTest {
    private static final ChatRequest REQUEST = ChatRequest.of("gpt-4o", List.of(ChatMessage.user("hello")));
    private static PluginHost host;
    private static Path directory;

    @BeforeAll
    static void start() {
        directory = Path.of(System.getProperty("llmpolicy.packagedPlugins", "target/packaged-plugins"));
        host = PluginHost.builder().pluginsDirectory(directory).start();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void everyPackagedPlugin_starts_andDeclaresItsExtensions() throws Exception {
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "plugin-anthropic-0.1.0-SNAPSHOT-plugin.zip", "plugin-example-0.1.0-SNAPSHOT-plugin.zip",
                    "plugin-mock-0.1.0-SNAPSHOT-plugin.zip", "plugin-openai-0.1.0-SNAPSHOT-plugin.zip",
                    "plugin-webhook-0.1.0-SNAPSHOT-plugin.zip");
        }
        PluginReport r = host.report();
        assertThat(r.failed()).as(r.format()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.plugin("openai").orElseThrow().extensions()).containsExactly("provider openai");
        assertThat(r.plugin("anthropic").orElseThrow().extensions()).containsExactly("provider anthropic");
        assertThat(r.plugin("mock").orElseThrow().extensions()).containsExactly("provider mock");
        assertThat(r.plugin("webhook").orElseThrow().extensions()).containsExactly("sink webhook");
        assertThat(r.plugin("acme-example").orElseThrow().extensions()).containsExactly("detector acme.ticket_id",
                "function acme.keyword_overlap(string, list<string>) -> number");
        assertThat(host.providerTypes()).containsExactlyInAnyOrder("openai", "anthropic", "mock");
    }

    @Test
    void examplePlugin_detectorAndFunction_workThroughTheBoundary() {
        List<Finding> f = host.boundary().scan(host.detector("acme.ticket_id").orElseThrow(),
                "about TCK-123456", "support.llmpolicy:30:5", Duration.ofSeconds(5));
        assertThat(f).containsExactly(new Finding("acme.ticket_id", 6, 16, "ticket id"));
        assertThat(host.boundary().invoke(host.function("acme.keyword_overlap").orElseThrow(),
                List.of("refund please", List.of("refund", "invoice")), "support.llmpolicy:31:9")).isEqualTo(0.5);
    }

    @Test
    void mockPlugin_completesThroughTheBoundary() throws Exception {
        PluginExtension<ModelProvider> mock = host.createProvider("mock",
                EndpointConfig.builder("mock").option("output_tokens", "5").build(),
                PluginEnvironment.of(Map.of(), Clock.systemUTC()), "demo.llmpolicy:2:1");
        ChatResponse r = host.boundary().callAsync(mock, "complete", "demo.llmpolicy:9:3", Duration.ofSeconds(5),
                p -> p.complete(REQUEST, CallOptions.of("req-1"))).get(10, TimeUnit.SECONDS);
        assertThat(r.usage().outputTokens()).isEqualTo(5);
        assertThat(r.latencySimulated()).isTrue();
    }

    @Test
    void openAiPlugin_usesItsOwnBundledJackson_againstALoopbackServer() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start()) {
            server.route("/v1/chat/completions", ex -> LoopbackHttpServer.json(ex, 200, """
                    {"id":"c1","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"hi!"},
                     "finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1}}"""));
            PluginExtension<ModelProvider> openai = host.createProvider("openai",
                    EndpointConfig.builder("local").baseUrl(server.uri("/v1")).build(),
                    PluginEnvironment.of(Map.of(), Clock.systemUTC()), "models.llmpolicy:1:1");
            ChatResponse r = host.boundary().callAsync(openai, "complete", "route.llmpolicy:3:1", Duration.ofSeconds(10),
                    p -> p.complete(REQUEST, CallOptions.of("req-2"))).get(10, TimeUnit.SECONDS);
            assertThat(r.text()).isEqualTo("hi!");

            ClassLoader pluginLoader = openai.extension().getClass().getClassLoader();
            assertThat(pluginLoader).isInstanceOf(ApiFirstClassLoader.class);
            assertThat(Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, pluginLoader).getClassLoader())
                    .isSameAs(pluginLoader);
            assertThat(PackagedPluginsTest.class.getClassLoader().getResource("com/fasterxml/jackson/databind/ObjectMapper.class"))
                    .as("the host has no Jackson of its own here").isNull();
        }
    }

    @Test
    void webhookPlugin_deliversAnAlert() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start()) {
            server.route("/alerts", ex -> LoopbackHttpServer.json(ex, 202, ""));
            PluginExtension<AlertSink> sink = host.createAlertSink("webhook",
                    EndpointConfig.builder("ops").baseUrl(server.uri("/alerts")).build(),
                    PluginEnvironment.of(Map.of(), Clock.systemUTC()), "alerts.llmpolicy:1:1");
            host.boundary().callAsync(sink, "send", "budget.llmpolicy:4:3", Duration.ofSeconds(10),
                    s -> s.send(new Alert("budget.exceeded", "per_team", "team-a", 1.0, 1.02, "over", Instant.EPOCH)))
                    .get(10, TimeUnit.SECONDS);
            assertThat(server.requests()).singleElement().satisfies(req ->
                    assertThat(req.body()).contains("\"kind\":\"budget.exceeded\""));
        }
    }
}
