package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecideTest {
    @TempDir
    Path dir;

    private PolicyEngine engine(String body) {
        return Policies.engine(dir, "policy \"t\" version \"7\"\nrequest { team: string; user: string; tags: list<string>; tier: string = \"free\" }\n"
                + Policies.MODELS + body);
    }

    private static LlmRequest req(String id, String team, String... tags) {
        return LlmRequest.builder(id).user("hello").attribute("team", team).attribute("user", "u-" + id).attribute("tags", List.of(tags)).build();
    }

    @Test
    void decide_firstMatchingStatement_wins_andDecisionNamesPolicyAndRule() {
        PolicyEngine e = engine("""
                route r {
                  when "premium" in request.tags -> b
                  when request.team == "search" -> c
                  otherwise -> a
                }
                """);
        Decision d = e.decide(req("1", "search", "premium"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.target()).isEqualTo("b");
        assertThat(d.provider()).isEqualTo("anthropic");
        assertThat(d.providerModel()).isEqualTo("claude-sonnet-4");
        assertThat(d.rules()).containsExactly("r");
        assertThat(d.policy().name()).isEqualTo("t");
        assertThat(d.policy().version()).isEqualTo("7");
        assertThat(d.policy().hash()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(e.decide(req("2", "search")).target()).isEqualTo("c");
        assertThat(e.decide(req("3", "other")).target()).isEqualTo("a");
    }

    @Test
    void decide_noRouteMatches_deniesWithReason() {
        PolicyEngine e = engine("route r when request.team == \"x\" { otherwise -> a }\n");
        Decision d = e.decide(req("1", "y"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.reasons()).containsExactly("no route matches this request");
    }

    @Test
    void decide_defaultAttributeValue_appliesWhenAbsent() {
        PolicyEngine e = engine("route r { when request.tier == \"free\" -> c; otherwise -> a }\n");
        assertThat(e.decide(req("1", "t")).target()).isEqualTo("c");
        LlmRequest gold = LlmRequest.builder("2").user("x").attribute("tier", "gold").build();
        assertThat(e.decide(gold).target()).isEqualTo("a");
    }

    @Test
    void decide_fallbackChain_listsRestOfChain_andSkipsSmallContextWindows() {
        PolicyEngine e = engine("""
                route r {
                  otherwise -> c
                  fallback c -> a -> b on rate_limited, server_error retry 1 cooldown 30s
                }
                """);
        Decision small = e.decide(req("1", "t"));
        assertThat(small.target()).isEqualTo("c");
        assertThat(small.fallbacks()).containsExactly("a", "b");
        LlmRequest big = LlmRequest.builder("2").user("x").inputTokens(20_000).maxTokens(1000).build();
        Decision d = e.decide(big);
        assertThat(d.target()).isEqualTo("a");
        assertThat(d.fallbacks()).containsExactly("b");
        assertThat(d.reasons()).anyMatch(r -> r.contains("skipped c") && r.contains("context window is 8000"));
        LlmRequest huge = LlmRequest.builder("3").user("x").inputTokens(500_000).build();
        assertThat(e.decide(huge).allowed()).isFalse();
    }

    @Test
    void failover_retriesThenFallsBack_andCoolsDownFailedModel() {
        PolicyEngine e = engine("""
                route r {
                  otherwise -> a
                  fallback a -> b on rate_limited retry 1 cooldown 30s
                }
                """);
        LlmRequest r = req("1", "t");
        Decision first = e.decide(r);
        assertThat(first.target()).isEqualTo("a");
        // a cools down for 30 s after the failure, so the retry goes to b rather than hammering a.
        Decision second = e.failover(first, LlmResponse.failure("rate_limited", 10), r);
        assertThat(second.target()).isEqualTo("b");
        assertThat(second.attempt()).isEqualTo(2);
        // While a is cooling down, new requests start on b.
        Decision next = e.decide(req("2", "t"));
        assertThat(next.target()).isEqualTo("b");
        assertThat(next.reasons()).anyMatch(x -> x.contains("a is cooling down"));
        e.complete(next, LlmResponse.success("ok", 10, 5, 100));
        Decision third = e.failover(second, LlmResponse.failure("rate_limited", 10), r);
        assertThat(third.target()).isEqualTo("b");
        Decision fourth = e.failover(third, LlmResponse.failure("rate_limited", 10), r);
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.reasons()).anyMatch(x -> x.contains("every fallback failed"));
    }

    @Test
    void failover_budgetDowngradeBackToAFailedModel_terminates() {
        PolicyEngine e = engine("""
                route r { otherwise -> a; fallback a -> b on server_error }
                budget only_a by target when target == b { limit 0 requests per day; on exceeded downgrade to a }
                """);
        LlmRequest r = req("1", "t");
        Decision d = e.decide(r);
        assertThat(d.target()).isEqualTo("a");
        Decision next = e.failover(d, LlmResponse.failure("server_error", 5), r);
        // The budget would downgrade b back to a, but a already failed for this request: b serves (the budget keeps
        // counting, as a soft limit does), and when b fails too the request ends instead of cycling.
        assertThat(next.target()).isEqualTo("b");
        assertThat(next.reasons()).anyMatch(x -> x.contains("downgraded b -> a"));
        Decision last = e.failover(next, LlmResponse.failure("server_error", 5), r);
        assertThat(last.allowed()).isFalse();
    }

    @Test
    void failover_errorClassNotNamed_denies() {
        PolicyEngine e = engine("route r { otherwise -> a; fallback a -> b on rate_limited }\n");
        LlmRequest r = req("1", "t");
        Decision d = e.failover(e.decide(r), LlmResponse.failure("content_filter", 5), r);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reasons()).anyMatch(x -> x.contains("content_filter, which no fallback rule names"));
    }

    @Test
    void decide_allTargetsCoolingDown_triesTheOneThatRecoversFirst() {
        PolicyEngine e = engine("route r { otherwise -> a; fallback a -> b on server_error cooldown 1m }\n");
        LlmRequest r = LlmRequest.builder("1").user("x").timestamp(Instant.parse("2026-03-10T12:00:00Z")).build();
        Decision d1 = e.decide(r);
        Decision d2 = e.failover(d1, LlmResponse.failure("server_error", 0), r); // a cools until 12:01
        e.failover(d2, LlmResponse.failure("server_error", 0), r);              // b cools until 12:01 too (later)
        LlmRequest later = LlmRequest.builder("2").user("x").timestamp(Instant.parse("2026-03-10T12:00:30Z")).build();
        Decision d = e.decide(later);
        assertThat(d.allowed()).isTrue();
        assertThat(d.allCoolingDown()).isTrue();
        assertThat(d.target()).isEqualTo("a");
    }

    @Test
    void decide_downgradeWhenBudgetUsageHigh() {
        PolicyEngine e = engine("""
                route r { otherwise -> a; downgrade a -> c when budget(team) >= 50% }
                budget team by request.team { limit $1 per day }
                """);
        LlmRequest r = req("1", "t");
        e.presetBudget("team", new io.llmpolicy.engine.budget.Usage(0, 600_000_000L, 0), r);
        Decision d = e.decide(r);
        assertThat(d.target()).isEqualTo("c");
        assertThat(d.reasons()).contains("downgraded a -> c");
        assertThat(e.decide(req("2", "other")).target()).isEqualTo("a");
    }

    @Test
    void decide_monitorRoute_reportsWouldRoute_butDoesNotDecide() {
        PolicyEngine e = engine("""
                route shadow monitor { otherwise -> b }
                route r { otherwise -> a }
                """);
        Decision d = e.decide(req("1", "t"));
        assertThat(d.target()).isEqualTo("a");
        assertThat(d.monitorNotes()).containsExactly("would route to b (route shadow)");
    }

    @Test
    void decide_attributeOfWrongType_isTypedError() {
        PolicyEngine e = engine("request { priority: number }\nroute r { when request.priority > 3 -> a; otherwise -> b }\n");
        LlmRequest bad = LlmRequest.builder("1").user("x").attribute("priority", List.of(1)).build();
        assertThatThrownBy(() -> e.decide(bad)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("priority").hasMessageContaining("expected number");
    }

    @Test
    void build_brokenPolicy_throwsWithRenderedDiagnostics() {
        assertThatThrownBy(() -> Policies.engine(dir, "policy \"p\"\nroute r { otherwise -> nope }\n"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining(":2:24: error[E202]: unknown model 'nope'")
                .hasMessageContaining("^^^^");
    }

    @Test
    void decideInto_reusedDecision_givesTheSameAnswersAsFreshOnes() {
        PolicyEngine e = engine("""
                route r {
                  when "premium" in request.tags -> b
                  otherwise -> split by request.user { 50% a, 50% c }
                  fallback b -> a on rate_limited
                }
                budget team by request.team { limit 3 requests per day }
                """);
        Decision reused = new Decision();
        for (int i = 0; i < 6; i++) {
            LlmRequest r = req("q" + i, "t" + (i % 2), i % 3 == 0 ? new String[] {"premium"} : new String[0]);
            Decision fresh = e.decide(r);
            e.complete(fresh, LlmResponse.failure("bad_request", 0)); // release, so both see the same budget state
            Decision into = e.decide(r, reused);
            assertThat(into).isSameAs(reused);
            assertThat(into.target()).isEqualTo(fresh.target());
            assertThat(into.fallbacks()).isEqualTo(fresh.fallbacks());
            assertThat(into.rules()).isEqualTo(fresh.rules());
            assertThat(into.requestId()).isEqualTo("q" + i);
            Outcome o = e.complete(into, LlmResponse.success("ok", 10, 5, 20));
            assertThat(o.success()).isTrue();
        }
    }
}
