package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.host.PluginHost;
import io.llmpolicy.provider.mock.MockProviderFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** execute(): decide, call the provider plugin, fall back on failures, complete — with the real mock plugin. */
class ExecuteTest {
    @TempDir
    Path dir;
    PluginHost host;

    @BeforeEach
    void start() {
        host = PluginHost.builder().builtIn("mock", "0.1.0", new MockProviderFactory()).start();
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private PolicyEngine engine(EndpointConfig mock) {
        Path policy = Policies.write(dir, """
                policy "exec" version "1"
                request { team: string }
                model a = openai "gpt-4o" price in $2.50/M out $10/M
                model b = anthropic "claude-sonnet-4" price in $3/M out $15/M
                route r { otherwise -> a; fallback a -> b on rate_limited, server_error retry 1 cooldown 30s }
                budget team by request.team { limit $10 per day }
                """);
        return PolicyEngine.builder().policy(policy).plugins(host).providerOverride("mock")
                .endpoint("openai", mock).endpoint("anthropic", EndpointConfig.builder("anthropic").option("output_tokens", "7").build())
                .build();
    }

    @Test
    void execute_success_settlesRealUsage() {
        PolicyEngine e = engine(EndpointConfig.builder("openai").option("output_tokens", "12").option("latency", "250ms").build());
        ExecuteResult r = e.execute(LlmRequest.builder("x1").user("hello there").maxTokens(100).attribute("team", "t").build());
        assertThat(r.answered()).isTrue();
        assertThat(r.decision().target()).isEqualTo("a");
        assertThat(r.outcome().outputTokens()).isEqualTo(12);
        assertThat(r.outcome().latencyMillis()).isEqualTo(250);
        assertThat(r.text()).isNotBlank();
        assertThat(r.outcome().costNanoUsd()).isEqualTo(r.outcome().inputTokens() * 2500 + 12 * 10_000L);
        assertThat(r.failedAttempts()).isEmpty();
    }

    @Test
    void execute_rateLimited_fallsBackAttemptByAttempt() {
        PolicyEngine e = engine(EndpointConfig.builder("openai").option("fail.first.gpt-4o", "5:rate_limited:2s").build());
        ExecuteResult r = e.execute(LlmRequest.builder("x2").user("hi").attribute("team", "t").build());
        assertThat(r.answered()).isTrue();
        assertThat(r.decision().target()).isEqualTo("b");
        assertThat(r.failedAttempts()).extracting(Decision.FailedAttempt::target, Decision.FailedAttempt::errorClass)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "rate_limited"));
        assertThat(r.outcome().outputTokens()).isEqualTo(7);
    }

    @Test
    void execute_everyTargetFails_deniesWithReason() {
        PolicyEngine e = PolicyEngine.builder().policy(Policies.write(dir, """
                policy "exec" version "1"
                model a = openai "gpt-4o"
                model b = anthropic "claude-sonnet-4"
                route r { otherwise -> a; fallback a -> b on server_error }
                """)).plugins(host).providerOverride("mock")
                .endpoint("openai", EndpointConfig.builder("openai").option("fail.first.*", "100:server_error").build())
                .endpoint("anthropic", EndpointConfig.builder("anthropic").option("fail.first.*", "100:server_error").build())
                .build();
        ExecuteResult r = e.execute(LlmRequest.builder("x3").user("hi").build());
        assertThat(r.answered()).isFalse();
        assertThat(r.decision().allowed()).isFalse();
        assertThat(r.failedAttempts()).extracting(Decision.FailedAttempt::target).containsExactly("a", "b");
    }

    @Test
    void execute_withoutPlugins_isAClearError() {
        PolicyEngine e = Policies.engine(dir, "policy \"p\"\nmodel a = openai \"gpt-4o\"\nroute r { otherwise -> a }\n");
        assertThatThrownBy(() -> e.execute(LlmRequest.builder("x").user("hi").build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("plugins(PluginHost)");
    }

    private PolicyEngine streamingEngine(String reply) {
        Path policy = Policies.write(dir, """
                policy "stream" version "1"
                model a = openai "gpt-4o"
                route r { otherwise -> a }
                guardrail answers on output {
                  redact pii [email] as placeholder
                  deny phrases ["project falcon"] "confidential project mentioned"
                }
                """);
        return PolicyEngine.builder().policy(policy).plugins(host).providerOverride("mock")
                .endpoint("openai", EndpointConfig.builder("openai").option("reply", reply).option("chunk_words", "2").build())
                .build();
    }

    @Test
    void executeStreaming_redactsFindingsSplitAcrossChunks_beforeRelease() {
        PolicyEngine e = streamingEngine("Write to jane.doe@example.com or to ops@example.org and we will answer within a day");
        StringBuilder client = new StringBuilder();
        ExecuteResult r = e.executeStreaming(LlmRequest.builder("s1").user("contact?").build(), client::append);
        assertThat(r.answered()).isTrue();
        assertThat(client.toString()).contains("<EMAIL_1>").contains("<EMAIL_2>").doesNotContain("@example");
        assertThat(client.toString()).isEqualTo(r.outcome().output());
        assertThat(r.outcome().findings()).extracting(GuardFinding::detector).containsExactly("pii.email", "pii.email");
        assertThat(r.outcome().blocked()).isNull();
    }

    @Test
    void executeStreaming_denyFinding_endsTheStreamWithoutReleasingIt() {
        PolicyEngine e = streamingEngine("Sure here is the plan for project falcon as discussed in the meeting notes");
        StringBuilder client = new StringBuilder();
        ExecuteResult r = e.executeStreaming(LlmRequest.builder("s2").user("plan?").build(), client::append);
        assertThat(r.outcome().blocked()).isEqualTo("confidential project mentioned");
        assertThat(client.toString()).doesNotContain("falcon");
        assertThat(r.outcome().findings()).anyMatch(f -> f.detector().equals("phrase") && f.action().equals("deny"));
    }
}
