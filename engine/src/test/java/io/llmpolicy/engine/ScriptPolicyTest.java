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
}
