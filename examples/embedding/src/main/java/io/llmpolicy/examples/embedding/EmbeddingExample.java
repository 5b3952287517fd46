package io.llmpolicy.examples.embedding;

import io.llmpolicy.engine.Decision;
import io.llmpolicy.engine.LlmRequest;
import io.llmpolicy.engine.LlmResponse;
import io.llmpolicy.engine.Outcome;
import io.llmpolicy.engine.PolicyEngine;
import io.llmpolicy.engine.ReloadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedding guide (docs/embedding.md) as a program: build an engine, decide, call a (fake) model with
 * fallbacks, complete, then change the policy and reload it. Run by {@code EmbeddingExampleTest}.
 */
public final class EmbeddingExample {
    static final String V1 = """
            policy "shop-assistant" version "1"
            request { team: string; tier: string = "free" }
            model fast = openai "gpt-4o-mini" price in $0.15/M out $0.60/M context 128k
            model strong = anthropic "claude-sonnet-4" price in $3/M out $15/M context 200k
            route main {
              when request.tier == "gold" -> strong
              otherwise -> fast
              fallback strong -> fast on rate_limited, server_error retry 1 cooldown 30s
            }
            budget per_team by request.team { limit $5 per day; alert at 80%; on exceeded deny "team budget exhausted" }
            """;

    private EmbeddingExample() {}

    public static void main(String[] args) throws IOException {
        run(Files.createTempDirectory("llmpolicy-example"), System.out);
    }

    /** Runs the example in {@code dir}; prints what happens; returns the last decision. */
    public static Decision run(Path dir, PrintStream out) throws IOException {
        Path policy = dir.resolve("shop.llmpolicy");
        Files.writeString(policy, V1);
        try (PolicyEngine engine = PolicyEngine.builder().policy(policy)
                .alerts(a -> out.println("alert: " + a.key() + " at " + a.thresholdBps() / 100 + "%")).build()) {
            LlmRequest request = LlmRequest.builder("order-42").user("Where is my parcel?").maxTokens(300)
                    .attribute("team", "checkout").attribute("tier", "gold").build();
            Decision d = engine.decide(request);
            out.println("decided: " + d.target() + " via " + d.provider() + " " + d.providerModel() + ", fallbacks " + d.fallbacks());

            LlmResponse response = fakeModel(d, 0);
            int attempt = 0;
            while (response.failed()) {
                out.println(d.target() + " failed: " + response.effectiveErrorClass());
                d = engine.failover(d, response, request);
                if (!d.allowed()) {
                    out.println("denied: " + d.reasons());
                    return d;
                }
                response = fakeModel(d, ++attempt);
            }
            Outcome o = engine.complete(d, response);
            out.printf("answered by %s, cost $%.6f, budget %s%n", d.target(), o.costUsd(), o.budgets().get(0).state());

            Files.writeString(policy, V1.replace("version \"1\"", "version \"2\"").replace("-> strong\n", "-> fast\n"));
            ReloadResult reload = engine.reload();
            out.println("reloaded: applied=" + reload.applied() + " now serving version " + engine.policy().version());
            Files.writeString(policy, "policy \"shop-assistant\" version \"3\"\nroute main { otherwise -> gone }\n");
            ReloadResult broken = engine.reload();
            out.println("broken version rejected: applied=" + broken.applied() + ", still serving " + engine.policy().version());
            out.print(broken.rendered());
            Decision after = engine.decide(request);
            out.println("after reload: " + after.target() + " (policy version " + after.policy().version() + ")");
            return after;
        }
    }

    /** Stands in for a provider call: the strong model is rate limited once. */
    static LlmResponse fakeModel(Decision d, int attempt) {
        if (d.target().equals("strong") && attempt == 0) return LlmResponse.failure("rate_limited", 80);
        return LlmResponse.success("Your parcel ships today.", 120, 40, 640).withModel(d.providerModel());
    }
}
