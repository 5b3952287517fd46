package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.trace.ContentMode;
import io.llmpolicy.trace.TraceEntry;
import io.llmpolicy.trace.TraceReader;
import io.llmpolicy.trace.TraceRecord;
import io.llmpolicy.trace.TraceVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWiringTest {
    @TempDir
    Path dir;

    @Test
    void engine_writesOneRecordPerCompletionAndDenial_chainVerifies() {
        Path policy = Policies.write(dir, """
                policy "traced" version "3"
                request { team: string; user: string }
                trace {
                  store prompt as hash
                  store response as full
                  include request.team
                }
                model a = openai "gpt-4o" price in $2.50/M out $10/M
                model b = anthropic "claude-sonnet-4" price in $3/M out $15/M
                route r { otherwise -> a; fallback a -> b on server_error }
                budget team by request.team { limit 2 requests per day; on exceeded deny "no more today" }
                """);
        Path traceDir = dir.resolve("trace");
        try (PolicyEngine e = PolicyEngine.builder().policy(policy).traceDir(traceDir)
                .traceHmacKey("k1", "0123456789abcdef0123".getBytes()).build()) {
            LlmRequest r1 = LlmRequest.builder("r1").user("secret prompt").attribute("team", "t").attribute("user", "u").build();
            Decision d1 = e.decide(r1);
            Decision d1b = e.failover(d1, LlmResponse.failure("server_error", 40), r1);
            e.complete(d1b, LlmResponse.success("the answer", 100, 20, 300));
            e.complete(e.decide(LlmRequest.builder("r2").user("x").attribute("team", "t").build()), LlmResponse.success("y", 10, 2, 50));
            Decision denied = e.decide(LlmRequest.builder("r3").user("x").attribute("team", "t").build());
            assertThat(denied.allowed()).isFalse();
        }
        List<TraceRecord> records = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(traceDir)) {
            reader.forEach((TraceEntry entry) -> records.add(entry.record()));
        }
        assertThat(records).extracting(TraceRecord::requestId).containsExactly("r1", "r2", "r3");
        TraceRecord first = records.get(0);
        assertThat(first.policy().name()).isEqualTo("traced");
        assertThat(first.policy().version()).isEqualTo("3");
        assertThat(first.action()).isEqualTo("allow");
        assertThat(first.routeTarget()).isEqualTo("b");
        assertThat(first.providerName()).isEqualTo("anthropic");
        assertThat(first.attempts()).hasSize(2);
        assertThat(first.attempts().get(0).errorType()).isEqualTo("server_error");
        assertThat(first.inputTokens()).isEqualTo(100);
        assertThat(first.costNanoUsd()).isEqualTo(100 * 3000L + 20 * 15000L);
        assertThat(first.rulesFired()).contains("r", "team");
        assertThat(first.budgetCharges()).singleElement().satisfies(c -> assertThat(c.budget()).isEqualTo("team"));
        assertThat(first.metadata()).containsKey("team").doesNotContainKey("user");
        assertThat(first.prompt().mode()).isEqualTo(ContentMode.HMAC_SHA256);
        assertThat(first.prompt().toString()).doesNotContain("secret prompt");
        assertThat(first.response().mode()).isEqualTo(ContentMode.FULL);
        TraceRecord third = records.get(2);
        assertThat(third.action()).isEqualTo("deny");
        assertThat(third.reasons().get(0)).isEqualTo("no more today");
        assertThat(TraceVerifier.verify(traceDir).exitCode()).isZero();
    }

    @Test
    void findingsEvalsErrorsAndEveryChargeDimension_areTraced() {
        Path policy = Policies.write(dir, """
                policy "traced"
                request { team: string }
                model a = openai "gpt-4o" price in $2.50/M out $10/M
                route r { otherwise -> a }
                budget team by request.team { limit $5 per day; limit 100k tokens per day; limit 50 requests per day }
                guardrail privacy on input { redact pii [email] as placeholder }
                guardrail answers on output { redact pii [email] }
                eval quality sample 100% { assert "answered": len(output) > 0 }
                """);
        Path traceDir = dir.resolve("trace");
        try (PolicyEngine e = PolicyEngine.builder().policy(policy).traceDir(traceDir).build()) {
            Decision d = e.decide(LlmRequest.builder("ok").user("mail a@b.example").attribute("team", "t").build());
            e.complete(d, LlmResponse.success("write to c@d.example", 100, 20, 300));
            Decision f = e.decide(LlmRequest.builder("failed").user("x").attribute("team", "t").build());
            e.complete(f, LlmResponse.failure("rate_limited", 30));
        }
        List<TraceRecord> records = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(traceDir)) {
            reader.forEach((TraceEntry entry) -> records.add(entry.record()));
        }
        TraceRecord ok = records.get(0);
        assertThat(ok.findings()).extracting(io.llmpolicy.trace.Finding::phase)
                .containsExactly(io.llmpolicy.trace.Finding.Phase.INPUT, io.llmpolicy.trace.Finding.Phase.OUTPUT);
        assertThat(ok.evalResults()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("quality: answered");
            assertThat(r.passed()).isTrue();
        });
        assertThat(ok.budgetCharges()).extracting(io.llmpolicy.trace.BudgetCharge::unit)
                .containsExactly("nano_usd", "tokens", "requests");
        assertThat(ok.budgetCharges()).extracting(io.llmpolicy.trace.BudgetCharge::amount)
                .containsExactly(100 * 2500L + 20 * 10000L, 120L, 1L);
        assertThat(ok.errorType()).isNull();
        assertThat(ok.endTimeUnixNano() - ok.startTimeUnixNano()).isEqualTo(300_000_000L);
        TraceRecord failed = records.get(1);
        assertThat(failed.errorType()).isEqualTo("rate_limited");
        assertThat(failed.attempts()).singleElement().satisfies(a -> assertThat(a.errorType()).isEqualTo("rate_limited"));
        assertThat(failed.budgetCharges()).extracting(io.llmpolicy.trace.BudgetCharge::amount).contains(0L);
        assertThat(TraceVerifier.verify(traceDir).exitCode()).isZero();
    }

    @Test
    void asyncTrace_closeDrainsEveryRecord_andTheChainVerifies() {
        Path policy = Policies.write(dir, "policy \"a\" version \"1\"\nmodel a = openai \"gpt-4o\"\nroute r { otherwise -> a }\n");
        Path traceDir = dir.resolve("async");
        try (PolicyEngine e = PolicyEngine.builder().policy(policy).traceDir(traceDir).asyncTrace(true).build()) {
            for (int i = 0; i < 500; i++) {
                Decision d = e.decide(LlmRequest.builder("r" + i).user("x").build());
                e.complete(d, LlmResponse.success("ok", 3, 2, 10));
            }
        }
        List<String> ids = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(traceDir)) {
            reader.forEach((TraceEntry entry) -> ids.add(entry.record().requestId()));
        }
        assertThat(ids).hasSize(500).startsWith("r0").endsWith("r499");
        assertThat(TraceVerifier.verify(traceDir).exitCode()).isZero();
    }

    @Test
    void budgets_areRebuiltFromTheTraceAfterARestart() {
        Path policy = Policies.write(dir, """
                policy "rebuild" version "1"
                request { team: string }
                model a = openai "gpt-4o" price in $2.50/M out $10/M
                route r { otherwise -> a }
                budget team by request.team { limit 2 requests per day; limit $1 per month }
                """);
        Path traceDir = dir.resolve("rebuild-trace");
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-03-10T12:00:00Z"), java.time.ZoneOffset.UTC);
        try (PolicyEngine e = PolicyEngine.builder().policy(policy).traceDir(traceDir).clock(clock).build()) {
            for (int i = 0; i < 2; i++) {
                Decision d = e.decide(LlmRequest.builder("r" + i).user("x").attribute("team", "t").build());
                e.complete(d, LlmResponse.success("ok", 1000, 100, 10));
            }
        }
        try (PolicyEngine fresh = PolicyEngine.builder().policy(policy).traceDir(traceDir).clock(clock).build()) {
            assertThat(fresh.decide(LlmRequest.builder("x").user("x").attribute("team", "t").build()).allowed())
                    .as("without a rebuild the restarted engine has forgotten the spend").isTrue();
        }
        try (PolicyEngine rebuilt = PolicyEngine.builder().policy(policy).traceDir(traceDir).clock(clock).rebuildBudgetsFromTrace(true).build()) {
            Decision d = rebuilt.decide(LlmRequest.builder("y").user("x").attribute("team", "t").build());
            assertThat(d.allowed()).isFalse();
            assertThat(d.budgets().get(0).state()).isEqualTo("exceeded");
        }
    }

    /** "store prompt as redacted" keeps the text the model saw (after guardrail redaction); "none" keeps nothing. */
    @Test
    void redactedPrompt_isStoredAsTheModelSawIt_andNoneStoresNothing() {
        Path policy = Policies.write(dir, """
                policy "redacting" version "1"
                trace {
                  store prompt as redacted
                  store response as none
                }
                model a = openai "gpt-4o"
                route r { otherwise -> a }
                guardrail privacy on input { redact pii [email] as placeholder }
                """);
        Path traceDir = dir.resolve("trace-redacted");
        try (PolicyEngine e = PolicyEngine.builder().policy(policy).traceDir(traceDir).build()) {
            LlmRequest r = LlmRequest.builder("r1").user("mail me at ann@example.com").build();
            e.complete(e.decide(r), LlmResponse.success("sure, ann@example.com", 10, 5, 20));
        }
        List<TraceRecord> records = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(traceDir)) {
            reader.forEach((TraceEntry entry) -> records.add(entry.record()));
        }
        assertThat(records).singleElement().satisfies(rec -> {
            assertThat(rec.prompt()).isEqualTo(new io.llmpolicy.trace.Content.Redacted("mail me at <EMAIL_1>"));
            assertThat(rec.response()).isEqualTo(io.llmpolicy.trace.Content.OMITTED);
        });
        assertThat(TraceVerifier.verify(traceDir).intact()).isTrue();
    }
}
