package io.llmpolicy.eval;

/** Passes when the request's cost is at most {@code maxNanoUsd} nano-USD; fails when cost was not recorded. */
public record CostAtMost(long maxNanoUsd) implements Assertion {

    public CostAtMost {
        if (maxNanoUsd < 0) throw new InvalidAssertionException("cost: maximum must be >= 0, was " + maxNanoUsd);
    }

    @Override
    public String kind() {
        return "cost";
    }

    @Override
    public String describe() {
        return "cost <= " + usd(maxNanoUsd);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        if (input.costNanoUsd() == EvalInput.UNKNOWN) return AssertionResult.undefined("cost was not recorded");
        boolean ok = input.costNanoUsd() <= maxNanoUsd;
        return AssertionResult.check(ok, "cost " + usd(input.costNanoUsd()) + (ok ? " <= " : " > ") + usd(maxNanoUsd));
    }

    /** Exact decimal dollars, trailing zeros dropped: 1_500_000 nano-USD is {@code $0.0015}. */
    static String usd(long nanoUsd) {
        return "$" + java.math.BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros().toPlainString();
    }
}
