package io.llmpolicy.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One eval rule as compiled by the engine: a name, a sample rate and its assertions.
 *
 * <p>Assertions are named by {@link Assertion#describe()}; when two assertions of one eval describe themselves
 * alike, the second and later get a {@code " #2"}, {@code " #3"} suffix, so {@link #labels()} are unique within the
 * eval and stable as long as the rule is unchanged. Immutable and thread-safe.
 */
public final class Eval {

    private final String name;
    private final long sampleRatePerMillion;
    private final List<Assertion> assertions;
    private final List<String> labels;

    /**
     * @param name                 the eval's name, unique within a policy
     * @param sampleRatePerMillion how many requests in a million to sample online, clamped to [0, 1,000,000]
     *                             (ignored offline)
     * @param assertions           at least one
     */
    public Eval(String name, long sampleRatePerMillion, List<Assertion> assertions) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new InvalidAssertionException("eval name must not be blank");
        this.sampleRatePerMillion = Math.max(0, Math.min(Sampler.ALWAYS, sampleRatePerMillion));
        this.assertions = List.copyOf(assertions);
        if (this.assertions.isEmpty()) throw new InvalidAssertionException("eval " + name + " has no assertions");
        this.labels = uniqueLabels(this.assertions);
    }

    private static List<String> uniqueLabels(List<Assertion> assertions) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(assertions.size());
        for (Assertion a : assertions) {
            String base = a.describe();
            int k = seen.merge(base, 1, Integer::sum);
            out.add(k == 1 ? base : base + " #" + k);
        }
        return List.copyOf(out);
    }

    public String name() {
        return name;
    }

    public long sampleRatePerMillion() {
        return sampleRatePerMillion;
    }

    public List<Assertion> assertions() {
        return assertions;
    }

    /** One unique label per assertion, in assertion order. */
    public List<String> labels() {
        return labels;
    }

    /** Whether this eval samples {@code requestId}; see {@link Sampler}. */
    public boolean sampled(String requestId) {
        return Sampler.sampled(requestId, sampleRatePerMillion, name);
    }

    /** Runs every assertion on {@code input}, in order. */
    public EvalOutcome evaluate(EvalInput input) {
        AssertionResult[] results = new AssertionResult[assertions.size()];
        for (int i = 0; i < results.length; i++) results[i] = assertions.get(i).evaluate(input);
        return new EvalOutcome(this, List.of(results));
    }

    @Override
    public String toString() {
        return "eval " + name + " " + labels;
    }
}
