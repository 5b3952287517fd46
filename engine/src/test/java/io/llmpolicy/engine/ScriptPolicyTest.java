package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script functions in policies, on the real sandboxed GraalVM runtime. */
class ScriptPolicyTest {
    @TempDir
    Path dir;

    @Test
    void inlineAndFileScripts_decideRoutes_andFailuresAreAbsentValues() throws Exception {
        Files.writeString(dir.resolve("tone.js"), "function tone(text) {\n  return text.includes('!') ? 0.1 : 0.6;\n}\n");
        Path policy = dir.resolve("p.llmpolicy");
        Files.writeString(policy, """
                policy "scripts" version "1"
                function looks_like_ticket(text: string) -> bool script \"\"\"
                  function looks_like_ticket(text) { return /TCK-\\d{6}/.test(text); }
                \"\"\"
                function tone(text: string) -> number from script "tone.js"
                function broken(text: string) -> bool script \"\"\"
                  function broken(text) { throw new Error("nope"); }
                \"\"\"
                model a = openai "gpt-4o"
                model b = openai "gpt-4o-mini"
                model c = anthropic "claude-sonnet-4"
                route r {
                  when broken(prompt) -> c
                  when broken(prompt) ?? false -> c
                  when looks_like_ticket(prompt) -> a
                  when tone(prompt) < 0.2 -> a
                  otherwise -> b
                }
                guardrail strict on input { deny when broken(prompt) ?? true "the safety script failed" }
                """);
        try (PolicyEngine e = PolicyEngine.builder().policy(policy).build()) {
            Decision d = e.decide(LlmRequest.builder("1").user("about TCK-123456").build());
            assertThat(d.allowed()).as("a failing check can fail closed with ?? true").isFalse();
            assertThat(d.reasons()).contains("the safety script failed");
        }
        Files.writeString(policy, Files.readString(policy).replace("guardrail strict on input { deny when broken(prompt) ?? true \"the safety script failed\" }", ""));
        try (PolicyEngine e = PolicyEngine.builder().policy(policy).build()) {
            Decision t = e.decide(LlmRequest.builder("1").user("about TCK-123456").build());
            assertThat(t.target()).as("failures: %s", t.context.lastExternalFailure).isEqualTo("a");
            assertThat(e.decide(LlmRequest.builder("2").user("this is urgent!").build()).target()).isEqualTo("a");
            assertThat(e.decide(LlmRequest.builder("3").user("hello").build()).target()).isEqualTo("b");
        }
    }

    @Test
    void scriptSyntaxError_failsTheLoad_atThePolicyLineOfTheScript() throws Exception {
        Path policy = dir.resolve("bad.llmpolicy");
        Files.writeString(policy, """
                policy "bad" version "1"
                model a = openai "gpt-4o"
                function f(text: string) -> bool script \"\"\"
                  function f(text) {
                    return text.includes(;
                  }
                \"\"\"
                route r { when f(prompt) -> a; otherwise -> a }
                """);
        assertThatThrownBy(() -> PolicyEngine.builder().policy(policy).build()).hasMessageContaining(":5:");
    }

    private static String busyPolicy(String statements) {
        return """
                policy "limits" version "1"
                scripts { statements %s }
                function busy(text: string) -> bool script \"\"\"
                  function busy(text) { let n = 0; for (let i = 0; i < 20000; i++) { n += i; } return n > 0; }
                \"\"\"
                model a = openai "gpt-4o"
                model b = openai "gpt-4o-mini"
                route r {
                  when busy(prompt) ?? false -> a
                  otherwise -> b
                }
                """.formatted(statements);
    }

    @Test
    void statementLimit_comesFromThePolicy_andAReloadAppliesNewLimits() throws Exception {
        Path policy = dir.resolve("limits.llmpolicy");
        Files.writeString(policy, busyPolicy("1k"));
        try (PolicyEngine e = PolicyEngine.builder().policy(policy).build()) {
            Decision stopped = e.decide(LlmRequest.builder("1").user("x").build());
            assertThat(stopped.target()).as("20,000 iterations exceed 1,000 statements").isEqualTo("b");
            assertThat(stopped.context.lastExternalFailure).contains("statement");

            Files.writeString(policy, busyPolicy("1M"));
            assertThat(e.reload().applied()).isTrue();
            assertThat(e.decide(LlmRequest.builder("2").user("x").build()).target()).isEqualTo("a");
            assertThat(e.scripts.runtimeCount()).as("one runtime per limit set").isEqualTo(2);

            Files.writeString(policy, busyPolicy("1k"));
            assertThat(e.reload().applied()).isTrue();
            assertThat(e.decide(LlmRequest.builder("3").user("x").build()).target()).isEqualTo("b");
            assertThat(e.scripts.runtimeCount()).as("the first runtime is reused").isEqualTo(2);
        }
    }

    @Test
    void policyAskingAboveTheEngineCeiling_isRefused_namingTheSetting() throws Exception {
        Path policy = dir.resolve("greedy.llmpolicy");
        Files.writeString(policy, busyPolicy("1k").replace("scripts { statements 1k }", "scripts { timeout 2s }"));
        io.llmpolicy.script.ScriptLimits ceiling = new io.llmpolicy.script.ScriptLimits(1_000_000,
                java.time.Duration.ofMillis(200), 4, 64L << 20, 4096);
        assertThatThrownBy(() -> PolicyEngine.builder().policy(policy)
                .scriptLimits(ScriptBindings.DEFAULTS, ceiling).build())
                .hasMessageContaining("asks for timeout 2000ms, above this engine's ceiling of 200ms");

        Files.writeString(policy, busyPolicy("1k").replace("scripts { statements 1k }", "scripts { timeout 150ms }"));
        try (PolicyEngine e = PolicyEngine.builder().policy(policy).scriptLimits(ScriptBindings.DEFAULTS, ceiling).build()) {
            Files.writeString(policy, busyPolicy("1k").replace("scripts { statements 1k }", "scripts { timeout 5s }"));
            ReloadResult r = e.reload();
            assertThat(r.applied()).as("a reload above the ceiling is rejected; the old version keeps serving").isFalse();
            assertThat(r.rendered()).contains("timeout 5000ms");
        }
    }
}
