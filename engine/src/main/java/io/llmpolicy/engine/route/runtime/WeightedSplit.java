package io.llmpolicy.engine.route.runtime;

import java.util.Arrays;

/**
 * Assigns a sticky bucket to an arm of a weighted split by cumulative ranges. Immutable and thread-safe.
 *
 * <p>Arm {@code i} owns the buckets {@code [c(i-1), c(i))}, where {@code c(i)} is the sum of the weights of arms
 * {@code 0..i} in basis points. A key's bucket never changes (see {@link StickyHash}), so which arm it gets
 * depends only on where these edges lie. Moving weight between two <em>adjacent</em> arms moves exactly one edge,
 * and only the keys between the old and the new edge change arm: all of them from the shrinking arm into the
 * growing one. Hence the canary property: raising a two-arm canary from 10 % to 20 % moves 10 % of keys from
 * stable into canary and no key the other way; lowering it moves keys only back to stable. Keys in the canary
 * stay in the canary as its share only grows.
 *
 * <p>The property needs adjacency. If an arm grows while a non-adjacent arm shrinks, the edges in between
 * move too and keys shift between arms whose weights did not change. Order arms so that the one you grow sits
 * next to the one it takes from (for a canary, two arms: always true).
 */
public final class WeightedSplit {

    private final int[] upperEdges;

    private WeightedSplit(int[] upperEdges) {
        this.upperEdges = upperEdges;
    }

    /**
     * A split with these weights in basis points, in arm order.
     *
     * @throws IllegalArgumentException unless there is at least one arm, no weight is negative, and the weights
     *     sum to exactly {@value StickyHash#BUCKETS}
     */
    public static WeightedSplit ofBasisPoints(int... weightsBps) {
        if (weightsBps.length == 0) {
            throw new IllegalArgumentException("a split needs at least one arm");
        }
        int[] edges = new int[weightsBps.length];
        long sum = 0;
        for (int i = 0; i < weightsBps.length; i++) {
            if (weightsBps[i] < 0) {
                throw new IllegalArgumentException("arm " + i + " has a negative weight " + weightsBps[i]);
            }
            sum += weightsBps[i];
            if (sum > StickyHash.BUCKETS) {
                break;
            }
            edges[i] = (int) sum;
        }
        if (sum != StickyHash.BUCKETS) {
            throw new IllegalArgumentException("split weights must sum to " + StickyHash.BUCKETS
                    + " basis points (100 %), got " + Arrays.stream(weightsBps).asLongStream().sum());
        }
        return new WeightedSplit(edges);
    }

    /** Number of arms. */
    public int arms() {
        return upperEdges.length;
    }

    /** Weight of arm {@code i} in basis points. */
    public int weightBps(int arm) {
        return upperEdges[arm] - (arm == 0 ? 0 : upperEdges[arm - 1]);
    }

    /** The arm owning {@code bucket} (in {@code [0, 10000)}); arms of weight 0 own nothing. */
    public int armOf(int bucket) {
        if (bucket < 0 || bucket >= StickyHash.BUCKETS) {
            throw new IllegalArgumentException("bucket must be in [0, " + StickyHash.BUCKETS + "), got " + bucket);
        }
        int[] edges = upperEdges;
        for (int i = 0; i < edges.length; i++) {
            if (bucket < edges[i]) {
                return i;
            }
        }
        throw new AssertionError("edges end at " + StickyHash.BUCKETS);
    }

    /** The arm of a sticky key under {@code hash}. */
    public int armOf(StickyHash hash, CharSequence key) {
        return armOf(hash.bucket(key));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WeightedSplit[");
        for (int i = 0; i < upperEdges.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(weightBps(i)).append("bps");
        }
        return sb.append(']').toString();
    }
}
