package io.llmpolicy.trace;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Records and clocks for tests. */
final class Fixtures {

    /** 2026-11-27T10:00:00Z */
    static final long T0 = 1_795_773_600_000_000_000L;

    private Fixtures() {
    }

    /** A record with every field set, varying with {@code i}. */
    static TraceRecord full(int i) {
        return TraceRecord.builder()
                .recordId("rec-" + i)
                .requestId("req-" + i)
                .startTimeUnixNano(T0 + i * 1_000_000L)
                .endTimeUnixNano(T0 + i * 1_000_000L + 250_000_000L + i)
                .policy("checkout-assistant", "1.4." + (i % 3), "sha256:" + "ab".repeat(32))
                .ruleFired("route.default").ruleFired("budget.team-monthly")
                .action(i % 5 == 0 ? "deny" : "allow")
                .reason("within budget").reason("no findings")
                .routeTarget("openai/gpt-4o")
                .attempt(new Attempt("openai", "gpt-4o", "timeout", 1_000_000_000L))
                .attempt(new Attempt("anthropic", "claude-sonnet", null, 800_000_000L + i))
                .providerName("anthropic")
                .requestModel("gpt-4o")
                .responseModel(i % 2 == 0 ? "claude-sonnet-4" : "claude-haiku")
                .inputTokens(1000 + i).outputTokens(200 + i).cachedInputTokens(100)
                .costNanoUsd(1_234_567_890L + i)
                .budgetCharge(new BudgetCharge("team-monthly", "team:payments", 1_234_567_890L + i, BudgetCharge.NANO_USD))
                .budgetCharge(new BudgetCharge("user-daily", "", 1200, BudgetCharge.TOKENS))
                .finding(new Finding("pii.email", Finding.Phase.INPUT, 0, 10, 27, "redact"))
                .finding(new Finding("secrets.aws_key", Finding.Phase.OUTPUT, 0, 3, 23, "monitor"))
                .evalResult(new EvalResult("faithfulness", 0.75, "faithful", "cites the source", true))
                .evalResult(new EvalResult("tone", Double.NaN, "neutral", null, null))
                .errorType(i % 7 == 0 ? "rate_limited" : null)
                .metadata("team", i % 3 == 0 ? "payments" : "search")
                .metadata("user", "u" + (i % 4))
                .metadata("tags", List.of("beta", "eu-west"))
                .prompt(new Content.KeyedHash("k1", "00ff".repeat(16)))
                .response(new Content.Redacted("your card [REDACTED:pii.card] was charged \u00e9\u4e2d\ud83d\ude00"))
                .build();
    }

    /** A small record for throughput-style loops. */
    static TraceRecord small(String requestId, long startNanos) {
        return TraceRecord.builder()
                .recordId(requestId)
                .requestId(requestId)
                .startTimeUnixNano(startNanos)
                .endTimeUnixNano(startNanos + 1_000_000)
                .action("allow")
                .requestModel("gpt-4o-mini").responseModel("gpt-4o-mini").providerName("openai")
                .inputTokens(120).outputTokens(40).costNanoUsd(42_000)
                .metadata("team", "payments")
                .build();
    }

    /** A settable clock, thread-safe. */
    static final class ManualClock implements InstantSource {
        private final AtomicLong millis;

        ManualClock(long epochMillis) {
            this.millis = new AtomicLong(epochMillis);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        void advanceMillis(long delta) {
            millis.addAndGet(delta);
        }
    }
}
