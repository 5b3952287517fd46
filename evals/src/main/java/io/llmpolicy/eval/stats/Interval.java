package io.llmpolicy.eval.stats;

/** A closed interval [lower, upper]; both NaN when undefined (no observations). */
public record Interval(double lower, double upper) {

    public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }
}
