package io.llmpolicy.engine.route.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StickyHashTest {

    /** Vectors computed by an independent Python implementation of the function specified in the Javadoc. */
    @ParameterizedTest(name = "salt=''{0}'' key=''{1}''")
    @CsvSource({
        "'',           u42,            -518310326586202435,  9719",
        "canary-route, u42,            9126525627444092328,  4947",
        "canary-route, user-1,         -2623588317179670066, 8577",
        "canary-route, Grüße 東京 🚀,  8966880547167053724,  4860",
        "'',           '',             -4104048983893885115, 7775",
    })
    void hash_matchesSpecifiedFunction(String salt, String key, long hash64, int bucket) {
        StickyHash hash = StickyHash.withSalt(salt);
        assertThat(hash.hash64(key)).isEqualTo(hash64);
        assertThat(hash.bucket(key)).isEqualTo(bucket);
    }

    @Test
    void bucketOf_coversRangeEdges() {
        assertThat(StickyHash.bucketOf(0)).isZero();
        assertThat(StickyHash.bucketOf(-1)).isEqualTo(9_999);           // 2^64 - 1 unsigned
        assertThat(StickyHash.bucketOf(Long.MIN_VALUE)).isEqualTo(5_000); // 2^63: exactly half
    }

    @Test
    void split_distribution_followsWeights() {
        StickyHash hash = StickyHash.withSalt("canary");
        WeightedSplit split = WeightedSplit.ofBasisPoints(9_000, 1_000);
        int canary = 0;
        for (int i = 0; i < 100_000; i++) {
            canary += split.armOf(hash, "user-" + i);
        }
        assertThat(canary).isBetween(9_500, 10_500);
    }

    @Test
    void differentSalts_areIndependent() {
        StickyHash a = StickyHash.withSalt("experiment-a");
        StickyHash b = StickyHash.withSalt("experiment-b");
        int bothInFirstTenth = 0;
        for (int i = 0; i < 100_000; i++) {
            String key = "user-" + i;
            if (a.bucket(key) < 1_000 && b.bucket(key) < 1_000) {
                bothInFirstTenth++;
            }
        }
        assertThat(bothInFirstTenth).isBetween(800, 1_200); // independent: about 1 % of keys
    }

    /** The documented caveat: growing an arm at the expense of a non-adjacent arm moves keys between others. */
    @Test
    void nonAdjacentShift_movesKeysBetweenUnchangedArms_asDocumented() {
        WeightedSplit before = WeightedSplit.ofBasisPoints(1_000, 4_500, 4_500);
        WeightedSplit after = WeightedSplit.ofBasisPoints(2_000, 4_000, 4_000);
        assertThat(before.armOf(5_700)).isEqualTo(2);
        assertThat(after.armOf(5_700)).isEqualTo(1); // moved C -> B although A is the arm that grew
    }

    @Test
    void split_validation() {
        assertThatThrownBy(() -> WeightedSplit.ofBasisPoints(5_000, 4_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to 10000").hasMessageContaining("got 9000");
        assertThatThrownBy(() -> WeightedSplit.ofBasisPoints(11_000, -1_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedSplit.ofBasisPoints()).isInstanceOf(IllegalArgumentException.class);
        WeightedSplit withEmptyArm = WeightedSplit.ofBasisPoints(0, 10_000, 0);
        assertThat(withEmptyArm.armOf(0)).isEqualTo(1);
        assertThat(withEmptyArm.armOf(9_999)).isEqualTo(1);
        assertThat(withEmptyArm.weightBps(2)).isZero();
        assertThatThrownBy(() -> withEmptyArm.armOf(10_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
