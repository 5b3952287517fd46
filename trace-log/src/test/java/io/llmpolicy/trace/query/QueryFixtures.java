package io.llmpolicy.trace.query;

import io.llmpolicy.trace.Attempt;
import io.llmpolicy.trace.Content;
import io.llmpolicy.trace.EvalResult;
import io.llmpolicy.trace.Finding;
import io.llmpolicy.trace.TraceConfig;
import io.llmpolicy.trace.TraceRecord;
import io.llmpolicy.trace.TraceWriter;
import java.nio.file.Path;
import java.util.List;

/** A small, hand-checked trace log for query and report tests. */
final class QueryFixtures {

    /** 2026-11-27T10:00:00Z in nanoseconds. */
    static final long T0 = 1_795_773_600_000_000_000L;
    static final long HOUR = 3_600_000_000_000L;
    static final long MS = 1_000_000L;

    private QueryFixtures() {
    }

    /**
     * Six records:
     * <pre>
     * seq team     user  model          action start     latency cost(nano) tokens in/out findings error
     * 0   payments alice gpt-4o         allow  T0        100 ms  1_000_000  100/10       -        -
     * 1   payments bob   gpt-4o         deny   T0+1h     10 ms   0          50/0         pii.email -
     * 2   search   alice claude-haiku   allow  T0+2h     200 ms  2_500_000  300/30       -        -
     * 3   search   carol claude-haiku   allow  T0+25h    300 ms  500_000    10/5         -        timeout
     * 4   (none)   bob   gpt-4o         allow  T0+26h    400 ms  3          1/1          -        -
     * 5   payments alice gpt-4o         allow  T0+27h    500 ms  123_456_789 1000/100    -        -
     * </pre>
     */
    static void write(Path dir) {
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).build())) {
            w.append(rec("a0", 0, 100, "payments", "alice", "gpt-4o", "allow", 1_000_000, 100, 10).build());
            w.append(rec("a1", HOUR, 10, "payments", "bob", "gpt-4o", "deny", 0, 50, 0)
                    .finding(new Finding("pii.email", Finding.Phase.INPUT, 0, 3, 9, "deny"))
                    .reason("email address in prompt").ruleFired("guard.pii").build());
            w.append(rec("a2", 2 * HOUR, 200, "search", "alice", "claude-haiku", "allow", 2_500_000, 300, 30)
                    .metadata("tags", List.of("beta", "eu")).prompt(new Content.Full("hello, \"world\"\nbye"))
                    .evalResult(new EvalResult("relevance", 0.9, "relevant", null, true)).build());
            w.append(rec("a3", 25 * HOUR, 300, "search", "carol", "claude-haiku", "allow", 500_000, 10, 5)
                    .errorType("timeout").attempt(new Attempt("anthropic", "claude-haiku", "timeout", 300 * MS))
                    .build());
            w.append(TraceRecord.builder().recordId("a4").requestId("a4").startTimeUnixNano(T0 + 26 * HOUR)
                    .endTimeUnixNano(T0 + 26 * HOUR + 400 * MS).metadata("user", "bob").requestModel("gpt-4o")
                    .action("allow").costNanoUsd(3).inputTokens(1).outputTokens(1).build());
            w.append(rec("a5", 27 * HOUR, 500, "payments", "alice", "gpt-4o", "allow", 123_456_789, 1000, 100)
                    .build());
        }
    }

    private static TraceRecord.Builder rec(String id, long offset, long latencyMs, String team, String user,
                                           String model, String action, long cost, long in, long out) {
        return TraceRecord.builder().recordId(id).requestId(id).startTimeUnixNano(T0 + offset)
                .endTimeUnixNano(T0 + offset + latencyMs * MS).metadata("team", team).metadata("user", user)
                .requestModel(model).responseModel(model).providerName(model.startsWith("gpt") ? "openai" : "anthropic")
                .action(action).costNanoUsd(cost).inputTokens(in).outputTokens(out);
    }
}
