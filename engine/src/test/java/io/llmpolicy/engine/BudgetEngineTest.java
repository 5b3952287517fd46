package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetEngineTest {
    @TempDir
    Path dir;

    private PolicyEngine engine(String body) {
        return Policies.engine(dir, "policy \"b\" version \"1\"\nrequest { team: string; user: string }\n" + Policies.MODELS
                + "route r { otherwise -> a; fallback a -> b on rate_limited }\n" + body);
    }

    private static LlmRequest req(String id, String team, String time) {
        return LlmRequest.builder(id).user("hi").inputTokens(1000).maxTokens(1000).attribute("team", team).attribute("user", "u")
                .timestamp(Instant.parse(time)).build();
    }

    @Test
    void reserve_thenSettle_chargesRealCost_withCachedInputPricedSeparately() {
        PolicyEngine e = Policies.engine(dir, """
                policy "cache" version "1"
                request { team: string }
                model m = openai "gpt-4o" price in $2.50/M out $10/M cached $1.25/M
                route only { otherwise -> m }
                budget team by request.team { limit $10 per day }
                """);
        LlmRequest r = req("1", "cache", "2026-03-10T10:00:00Z");
        Decision d = e.decide(r);
        assertThat(d.target()).isEqualTo("m");
        // reserved: 1000 in * 2.5 + 1000 out * 10 = 12,500,000 pico-ish nano: 1000*2500 + 1000*10000 nano
        assertThat(d.budgets()).singleElement().satisfies(b -> assertThat(b.spent()).isEqualTo(2_500_000L + 10_000_000L));
        Outcome o = e.complete(d, LlmResponse.success("x", 1000, 200, 300).withCachedInputTokens(400));
        // 600 uncached * 2500 + 400 cached * 1250 + 200 out * 10000 nano-USD
        assertThat(o.costNanoUsd()).isEqualTo(600 * 2500L + 400 * 1250L + 200 * 10000L);
        assertThat(o.budgets()).singleElement().satisfies(b -> assertThat(b.spent()).isEqualTo(o.costNanoUsd()));
    }

    @Test
    void failedCall_releasesReservation() {
        PolicyEngine e = engine("budget team by request.team { limit 3 requests per day }\n");
        for (int i = 0; i < 10; i++) {
            Decision d = e.decide(req("r" + i, "t", "2026-03-10T10:00:00Z"));
            assertThat(d.allowed()).as("request %d", i).isTrue();
            e.complete(d, LlmResponse.failure("server_error", 5));
        }
    }

    @Test
    void deny_whenLimitReached_withPolicyReason_andMonitorOnlyNotes() {
        PolicyEngine e = engine("""
                budget team by request.team { limit 2 requests per day; on exceeded deny "team is out of requests" }
                budget watch by request.user monitor { limit 1 requests per day }
                """);
        List<Decision> ds = new ArrayList<>();
        for (int i = 0; i < 3; i++) ds.add(e.decide(req("r" + i, "t", "2026-03-10T10:00:00Z")));
        assertThat(ds.get(0).allowed()).isTrue();
        assertThat(ds.get(1).allowed()).isTrue();
        assertThat(ds.get(1).monitorNotes()).singleElement().asString().startsWith("would deny: budget watch exceeded");
        assertThat(ds.get(2).allowed()).isFalse();
        assertThat(ds.get(2).reasons().get(0)).isEqualTo("team is out of requests");
        assertThat(ds.get(2).budgets()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("team");
            assertThat(b.state()).isEqualTo("exceeded");
        });
        // another team is unaffected
        assertThat(e.decide(req("x", "other", "2026-03-10T10:00:00Z")).allowed()).isTrue();
    }

    @Test
    void calendarWindow_resetsAtMidnightInTheBudgetsTimeZone() {
        PolicyEngine e = engine("budget team by request.team { limit 1 requests per day; timezone \"Europe/Berlin\" }\n");
        assertThat(e.decide(req("1", "t", "2026-03-10T22:30:00Z")).allowed()).isTrue();  // 23:30 Berlin, Mar 10
        assertThat(e.decide(req("2", "t", "2026-03-10T22:50:00Z")).allowed()).isFalse(); // 23:50 Berlin, same day
        assertThat(e.decide(req("3", "t", "2026-03-10T23:05:00Z")).allowed()).isTrue();  // 00:05 Berlin, Mar 11
    }

    @Test
    void monthWindow_endOfFebruary_inNewYork() {
        PolicyEngine e = engine("budget team by request.team { limit 1 requests per month; timezone \"America/New_York\" }\n");
        assertThat(e.decide(req("1", "t", "2028-03-01T04:30:00Z")).allowed()).isTrue();  // Feb 29 23:30 in New York
        assertThat(e.decide(req("2", "t", "2028-03-01T04:59:00Z")).allowed()).isFalse(); // still Feb 29
        assertThat(e.decide(req("3", "t", "2028-03-01T05:00:00Z")).allowed()).isTrue();  // Mar 1 00:00
    }

    @Test
    void perModelBudget_exhausted_movesToNextFallback() {
        PolicyEngine e = engine("budget per_model by target { limit 1 requests per day }\n");
        Decision d1 = e.decide(req("1", "t", "2026-03-10T10:00:00Z"));
        Decision d2 = e.decide(req("2", "t", "2026-03-10T10:00:00Z"));
        assertThat(d1.target()).isEqualTo("a");
        assertThat(d2.target()).isEqualTo("b");
        assertThat(d2.reasons()).anyMatch(r -> r.contains("budget per_model exceeded") && r.contains("trying b"));
        assertThat(e.decide(req("3", "t", "2026-03-10T10:00:00Z")).allowed()).isFalse();
    }

    @Test
    void downgradeAction_softLimit_keepsServingOnCheaperModel() {
        PolicyEngine e = engine("budget team by request.team { limit 1 requests per day; on exceeded downgrade to c }\n");
        assertThat(e.decide(req("1", "t", "2026-03-10T10:00:00Z")).target()).isEqualTo("a");
        for (int i = 2; i < 6; i++) {
            Decision d = e.decide(req("r" + i, "t", "2026-03-10T10:00:00Z"));
            assertThat(d.target()).isEqualTo("c");
            assertThat(d.reasons()).anyMatch(r -> r.contains("downgraded a -> c") || r.contains("already on c"));
        }
    }

    /**
     * The documented bound: reservation is an atomic check-and-add, so with every request reserving its full
     * max_tokens the sum of admitted reservations never exceeds the limit, whatever the concurrency; settlement at or
     * below the reservation keeps spend under it.
     */
    @Test
    void concurrentDecides_neverAdmitMoreThanTheLimit() throws Exception {
        PolicyEngine e = engine("budget team by request.team { limit 100k tokens per day }\n");
        int threads = 8, perThread = 400;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    Decision d = e.decide(req(thread + "-" + i, "t", "2026-03-10T10:00:00Z")); // 2,000 tokens each
                    if (d.allowed()) {
                        admitted.incrementAndGet();
                        e.complete(d, LlmResponse.success("x", 1000, 1000 - (i % 7) * 100, 50));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        Decision probe = e.decide(req("probe", "t", "2026-03-10T10:00:00Z"));
        BudgetState s = probe.allowed() ? probe.budgets().get(0) : probe.budgets().get(0);
        assertThat(admitted.get()).isGreaterThanOrEqualTo(50); // at least limit / reservation requests fit
        assertThat(s.spent()).isLessThanOrEqualTo(100_000L);
    }

    @Test
    void budgetSnapshot_survivesRestart() throws Exception {
        Path policy = Policies.write(dir, "policy \"s\" version \"1\"\nrequest { team: string }\n" + Policies.MODELS
                + "route r { otherwise -> a }\nbudget team by request.team { limit 2 requests per day }\n");
        Path snapshot = dir.resolve("budgets.snapshot");
        try (PolicyEngine first = PolicyEngine.builder().policy(policy).budgetSnapshot(snapshot).build()) {
            for (int i = 0; i < 2; i++) {
                Decision d = first.decide(req("r" + i, "t", "2026-03-10T10:00:00Z"));
                first.complete(d, LlmResponse.success("x", 5, 5, 10));
            }
        }
        assertThat(snapshot).exists();
        try (PolicyEngine second = PolicyEngine.builder().policy(policy).budgetSnapshot(snapshot).build()) {
            assertThat(second.decide(req("r3", "t", "2026-03-10T11:00:00Z")).allowed()).as("restored: 2 of 2 used").isFalse();
            assertThat(second.decide(req("r4", "t", "2026-03-11T11:00:00Z")).allowed()).as("next day").isTrue();
        }
    }

    @Test
    void reservation_countsPromptTokensWithEachModelsEncoding() {
        Path policy = Policies.write(dir, """
                policy "enc" version "1"
                request { team: string }
                model gpt = openai "gpt-4o" encoding "o200k_base"
                model old = openai "gpt-4" encoding "cl100k_base"
                model claude = anthropic "claude-sonnet-4"
                route r {
                  when request.team == "gpt" -> gpt
                  when request.team == "old" -> old
                  otherwise -> claude
                }
                budget tokens by request.team { limit 1M tokens per day }
                """);
        PolicyEngine e = PolicyEngine.builder().policy(policy).build();
        String prompt = "Schönen Tag! Please summarise the attached 3 invoices, ok?";
        var messages = java.util.List.of(new Message("user", prompt));
        var counter = io.llmpolicy.engine.tokens.TokenCounter.shared();
        for (var c : java.util.List.of(
                java.util.Map.entry("gpt", io.llmpolicy.engine.tokens.TokenEncoding.O200K_BASE),
                java.util.Map.entry("old", io.llmpolicy.engine.tokens.TokenEncoding.CL100K_BASE),
                java.util.Map.entry("claude", io.llmpolicy.engine.tokens.TokenEncoding.ESTIMATE))) {
            Decision d = e.decide(LlmRequest.builder(c.getKey()).user(prompt).maxTokens(100).attribute("team", c.getKey()).build());
            assertThat(d.budgets()).singleElement().satisfies(b ->
                    assertThat(b.spent()).as(c.getKey()).isEqualTo(counter.countChat(c.getValue(), messages) + 100L));
        }
        // a count the caller supplies is used for every model
        Decision supplied = e.decide(LlmRequest.builder("s").user(prompt).inputTokens(7).maxTokens(100).attribute("team", "claude").build());
        assertThat(supplied.budgets().get(0).spent()).isEqualTo(counter.countChat(io.llmpolicy.engine.tokens.TokenEncoding.ESTIMATE, messages) + 100L + 7 + 100);
    }
}
