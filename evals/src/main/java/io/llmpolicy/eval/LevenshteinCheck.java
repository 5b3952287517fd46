package io.llmpolicy.eval;

import io.llmpolicy.eval.metric.Levenshtein;

/**
 * Compares the answer with a reference by {@link Levenshtein} edit distance over code points. Two ways to pass,
 * chosen at construction: {@link #maxDistance} (distance ≤ max) or {@link #minSimilarity} (normalised similarity
 * {@code 1 - distance / max(len)} ≥ threshold). The score is always the normalised similarity. The reference is the
 * literal given, or the input's {@code expected} text when the literal is null.
 */
public final class LevenshteinCheck implements Assertion {

    private final String reference;
    private final int maxDistance;      // -1 when judging by similarity
    private final double minSimilarity; // NaN when judging by distance

    private LevenshteinCheck(String reference, int maxDistance, double minSimilarity) {
        this.reference = reference;
        this.maxDistance = maxDistance;
        this.minSimilarity = minSimilarity;
    }

    /** Passes when the edit distance is at most {@code maxDistance}; {@code reference} null means "expected". */
    public static LevenshteinCheck maxDistance(String reference, int maxDistance) {
        if (maxDistance < 0) throw new InvalidAssertionException("levenshtein: max distance must be >= 0, was " + maxDistance);
        return new LevenshteinCheck(reference, maxDistance, Double.NaN);
    }

    /** Passes when the normalised similarity is at least {@code minSimilarity}, in [0, 1]. */
    public static LevenshteinCheck minSimilarity(String reference, double minSimilarity) {
        Texts.requireThreshold(minSimilarity, "levenshtein: similarity threshold");
        return new LevenshteinCheck(reference, -1, minSimilarity);
    }

    @Override
    public String kind() {
        return "levenshtein";
    }

    @Override
    public String describe() {
        String ref = Texts.referenceLabel(reference);
        return maxDistance >= 0
                ? "levenshtein" + ref + " distance <= " + maxDistance
                : "levenshtein" + ref + " similarity >= " + Texts.number(minSimilarity);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        String ref = Texts.reference(reference, input);
        if (ref == null) return AssertionResult.undefined("no reference: neither a literal nor an expected text");
        String out = input.output();
        int distance;
        try {
            distance = Levenshtein.distance(out, ref);
        } catch (Levenshtein.TooLargeException e) {
            return AssertionResult.undefined(e.getMessage());
        }
        int longest = Math.max(out.codePointCount(0, out.length()), ref.codePointCount(0, ref.length()));
        double similarity = longest == 0 ? 1.0 : 1.0 - (double) distance / longest;
        boolean pass = maxDistance >= 0 ? distance <= maxDistance : similarity >= minSimilarity;
        String bound = maxDistance >= 0 ? "max distance " + maxDistance : "min similarity " + Texts.number(minSimilarity);
        return new AssertionResult(pass, similarity, "edit distance " + distance + ", similarity "
                + Texts.fixed(similarity) + " (" + bound + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LevenshteinCheck other && java.util.Objects.equals(other.reference, reference)
                && other.maxDistance == maxDistance
                && Double.compare(other.minSimilarity, minSimilarity) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(reference, maxDistance, minSimilarity);
    }

    @Override
    public String toString() {
        return describe();
    }
}
