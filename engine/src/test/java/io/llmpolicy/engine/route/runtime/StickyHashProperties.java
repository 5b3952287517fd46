package io.llmpolicy.engine.route.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StickyHashProperties {

    @Property
    void sameKey_sameBucket_acrossInstances(@ForAll String salt, @ForAll String key) {
        int bucket = StickyHash.withSalt(salt).bucket(key);
        assertThat(StickyHash.withSalt(salt).bucket(key)).isEqualTo(bucket);
        assertThat(StickyHash.withSalt(salt).bucket(new StringBuilder(key))).isEqualTo(bucket);
        assertThat(bucket).isBetween(0, StickyHash.BUCKETS - 1);
    }

    /** A two-arm canary: raising the canary's share from p to q only moves keys into the canary. */
    @Property
    void raisingCanaryShare_onlyMovesKeysIntoCanary(@ForAll @Size(min = 1, max = 200) List<String> keys,
                                                     @ForAll @IntRange(min = 0, max = 10_000) int p,
                                                     @ForAll @IntRange(min = 0, max = 10_000) int q,
                                                     @ForAll boolean canaryFirst) {
        int low = Math.min(p, q);
        int high = Math.max(p, q);
        int canary = canaryFirst ? 0 : 1;
        WeightedSplit before = canaryFirst ? WeightedSplit.ofBasisPoints(low, 10_000 - low)
                : WeightedSplit.ofBasisPoints(10_000 - low, low);
        WeightedSplit after = canaryFirst ? WeightedSplit.ofBasisPoints(high, 10_000 - high)
                : WeightedSplit.ofBasisPoints(10_000 - high, high);
        StickyHash hash = StickyHash.withSalt("canary");
        for (String key : keys) {
            int was = before.armOf(hash, key);
            int now = after.armOf(hash, key);
            if (was != now) {
                assertThat(now).as("key %s moved from %d", key, was).isEqualTo(canary);
            }
            if (was == canary) {
                assertThat(now).as("a canary key stays in the canary as its share grows").isEqualTo(canary);
            }
        }
    }

    /** Any number of arms: moving weight from an arm to its neighbour only moves keys into the growing arm. */
    @Property
    void movingWeightBetweenAdjacentArms_onlyMovesKeysIntoGrowingArm(@ForAll("adjacentShift") int[][] shift,
                                                                      @ForAll @Size(min = 1, max = 100)
                                                                      List<@IntRange(min = 0, max = 9_999) Integer>
                                                                              buckets) {
        WeightedSplit before = WeightedSplit.ofBasisPoints(shift[0]);
        WeightedSplit after = WeightedSplit.ofBasisPoints(shift[1]);
        int grown = shift[2][0];
        int shrunk = shift[2][1];
        for (int bucket : buckets) {
            int was = before.armOf(bucket);
            int now = after.armOf(bucket);
            if (was != now) {
                assertThat(now).isEqualTo(grown);
                assertThat(was).isEqualTo(shrunk);
            }
        }
    }

    /** {weights before, weights after, {grown arm, shrunk arm}}. */
    @Provide
    Arbitrary<int[][]> adjacentShift() {
        return Arbitraries.integers().between(2, 6).flatMap(arms ->
                Arbitraries.integers().between(0, 10_000).array(int[].class).ofSize(arms - 1).flatMap(cuts -> {
                    int[] sorted = java.util.Arrays.stream(cuts).sorted().toArray();
                    int[] weights = new int[arms];
                    int previous = 0;
                    for (int i = 0; i < arms - 1; i++) {
                        weights[i] = sorted[i] - previous;
                        previous = sorted[i];
                    }
                    weights[arms - 1] = 10_000 - previous;
                    return Combinators.combine(Arbitraries.integers().between(0, arms - 1), Arbitraries.of(-1, 1),
                            Arbitraries.integers().between(0, 10_000)).as((grown, side, amount) -> {
                                int shrunk = grown + side;
                                if (shrunk < 0 || shrunk >= arms) {
                                    shrunk = grown - side;
                                }
                                int moved = Math.min(amount, weights[shrunk]);
                                int[] after = weights.clone();
                                after[grown] += moved;
                                after[shrunk] -= moved;
                                return new int[][] {weights, after, {grown, shrunk}};
                            });
                }));
    }
}
