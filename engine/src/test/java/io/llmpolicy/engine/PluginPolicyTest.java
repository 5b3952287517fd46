package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmpolicy.plugin.host.PluginHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party plugin, built as its own artefact (examples/plugin-example), loaded from a directory: its policy
 * function is called from a route condition and its detector from a guardrail, through the plugin boundary.
 */
class PluginPolicyTest {
    @TempDir
    Path dir;
    PluginHost host;

    @BeforeEach
    void load() throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        try (Stream<Path> built = Files.list(Path.of("../examples/plugin-example/target"))) {
            Path zip = built.filter(p -> p.getFileName().toString().endsWith("-plugin.zip")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build examples/plugin-example first (mvn verify builds it)"));
            Files.copy(zip, plugins.resolve(zip.getFileName()));
        }
        host = PluginHost.builder().pluginsDirectory(plugins).start();
        assertThat(host.report().failed()).isEmpty();
    }

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void pluginFunctionAndDetector_workFromAPolicy() {
        Path policy = Policies.write(dir, """
                policy "acme" version "1"
                function keyword_overlap(text: string, keywords: list<string>) -> number from plugin "acme-example"
                model a = openai "gpt-4o"
                model b = openai "gpt-4o-mini"
                route r {
                  when keyword_overlap(prompt, ["refund", "invoice"]) > 0 -> a
                  otherwise -> b
                }
                guardrail tickets on input { redact detector "acme.ticket_id" as placeholder }
                """);
        PolicyEngine e = PolicyEngine.builder().policy(policy).plugins(host).build();
        Decision billing = e.decide(LlmRequest.builder("1").user("I need a refund for ticket TCK-123456").build());
        assertThat(billing.target()).isEqualTo("a");
        assertThat(billing.findings()).singleElement().satisfies(f -> {
            assertThat(f.detector()).isEqualTo("acme.ticket_id");
            assertThat(f.action()).isEqualTo("redact");
        });
        assertThat(billing.messages().get(0).content()).doesNotContain("TCK-123456");
        assertThat(e.decide(LlmRequest.builder("2").user("hello there").build()).target()).isEqualTo("b");
    }

    @Test
    void declaredSignatureDifferentFromThePlugins_failsTheLoad() {
        Path policy = Policies.write(dir, """
                policy "acme" version "1"
                function keyword_overlap(text: string) -> number from plugin "acme-example"
                model a = openai "gpt-4o"
                route r { when keyword_overlap(prompt) > 0 -> a; otherwise -> a }
                """);
        assertThatThrownBy(() -> PolicyEngine.builder().policy(policy).plugins(host).build())
                .hasMessageContaining("keyword_overlap").hasMessageContaining("(string, list<string>) -> number");
    }
}
