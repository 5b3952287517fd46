package io.llmpolicy.eval;

/** Passes when the recorded latency is at most {@code maxMs} milliseconds; fails when latency was not recorded. */
public record LatencyAtMost(long maxMs) implements Assertion {

    public LatencyAtMost {
        if (maxMs < 0) throw new InvalidAssertionException("latency: maximum must be >= 0 ms, was " + maxMs);
    }

    @Override
    public String kind() {
        return "latency";
    }

    @Override
    public String describe() {
        return "latency <= " + maxMs + "ms";
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        if (input.latencyMs() == EvalInput.UNKNOWN) return AssertionResult.undefined("latency was not recorded");
        boolean ok = input.latencyMs() <= maxMs;
        return AssertionResult.check(ok, "latency " + input.latencyMs() + "ms " + (ok ? "<=" : ">") + " " + maxMs + "ms");
    }
}
