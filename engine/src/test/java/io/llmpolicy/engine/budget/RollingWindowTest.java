package io.llmpolicy.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RollingWindowTest {

    private static final BudgetKey KEY = BudgetKey.of("user-minute", "u42");
    /** One minute in 60 one-second buckets. */
    private static final RollingWindow MINUTE = BudgetWindow.rolling(Duration.ofMinutes(1));

    @Test
    void spend_countsForAtLeastDuration_andAtMostOneBucketLonger() {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        long s = 1_000_500; // half-way through bucket 1000
        store.charge(KEY, MINUTE, new Usage(10, 0, 0), Limits.NONE, s);

        assertThat(store.usage(KEY, MINUTE, s + 60_000).tokens()).isEqualTo(10);   // s + D: still counted
        assertThat(store.usage(KEY, MINUTE, 1_060_999).tokens()).isEqualTo(10);    // end of bucket 1060
        assertThat(store.usage(KEY, MINUTE, 1_061_000).tokens()).isZero();         // (k + B + 1) * w
    }

    @Test
    void window_slides_spendLeavesInTheOrderItCame() {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        store.charge(KEY, MINUTE, new Usage(1, 0, 0), Limits.NONE, 0);
        store.charge(KEY, MINUTE, new Usage(2, 0, 0), Limits.NONE, 20_000);
        store.charge(KEY, MINUTE, new Usage(4, 0, 0), Limits.NONE, 40_000);

        assertThat(store.usage(KEY, MINUTE, 40_000).tokens()).isEqualTo(7);
        assertThat(store.usage(KEY, MINUTE, 61_000).tokens()).isEqualTo(6);
        assertThat(store.usage(KEY, MINUTE, 81_000).tokens()).isEqualTo(4);
        assertThat(store.usage(KEY, MINUTE, 101_000).tokens()).isZero();
        // A long pause clears every bucket.
        store.charge(KEY, MINUTE, new Usage(8, 0, 0), Limits.NONE, 10_000_000);
        assertThat(store.usage(KEY, MINUTE, 10_000_000).tokens()).isEqualTo(8);
    }

    @Test
    void limit_isEnforcedOverTheSlidingWindow() {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        Limits fivePerMinute = Limits.of(Limits.UNLIMITED, Limits.UNLIMITED, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(store.reserve(KEY, MINUTE, Usage.ofRequest(0, 0), fivePerMinute, i * 10_000L))
                    .isInstanceOf(Reservation.class);
        }
        assertThat(store.reserve(KEY, MINUTE, Usage.ofRequest(0, 0), fivePerMinute, 60_000))
                .isInstanceOf(Rejected.class);
        // The first request (bucket 0) stops counting at 61 s.
        assertThat(store.reserve(KEY, MINUTE, Usage.ofRequest(0, 0), fivePerMinute, 61_000))
                .isInstanceOf(Reservation.class);
    }

    @Test
    void settle_inStillLiveOlderBucket_adjustsThatBucket() {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        Reservation r = store.charge(KEY, MINUTE, new Usage(100, 0, 1), Limits.NONE, 0);
        store.settle(r, new Usage(30, 0, 1), 30_000);
        assertThat(store.usage(KEY, MINUTE, 30_000).tokens()).isEqualTo(30);
        // The adjusted amount leaves with its bucket.
        assertThat(store.usage(KEY, MINUTE, 61_000).tokens()).isZero();
    }

    @Test
    void bucketWidth_isCeilingOfDurationOverBuckets() {
        assertThat(BudgetWindow.rolling(Duration.ofHours(1)).bucketMillis()).isEqualTo(60_000);
        assertThat(BudgetWindow.rolling(Duration.ofMillis(1000), 3).bucketMillis()).isEqualTo(334);
    }

    /**
     * Against a direct model of the documented rule: a spend at s counts at t iff floor(t/w) - floor(s/w) <= B;
     * and the count lies between the exact sliding sums over [t - D, t] and (t - (B + 1) * w, t].
     */
    @Property(tries = 300)
    void usage_matchesDocumentedBucketRule(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 5_000) Integer> gaps,
                                           @ForAll @LongRange(min = 1, max = 1000) long tokens,
                                           @ForAll @IntRange(min = 1, max = 12) int buckets,
                                           @ForAll @LongRange(min = 12, max = 20_000) long durationMillis) {
        RollingWindow window = BudgetWindow.rolling(Duration.ofMillis(durationMillis), buckets);
        long w = window.bucketMillis();
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        List<long[]> spends = new ArrayList<>();
        long t = 1_000_000;
        for (int gap : gaps) {
            t += gap;
            store.charge(KEY, window, new Usage(tokens, 0, 0), Limits.NONE, t);
            spends.add(new long[] {t, tokens});
            long counted = 0;
            long exact = 0;
            long loose = 0;
            for (long[] s : spends) {
                if (Math.floorDiv(t, w) - Math.floorDiv(s[0], w) <= buckets) {
                    counted += s[1];
                }
                if (s[0] >= t - durationMillis) {
                    exact += s[1];
                }
                if (s[0] > t - (buckets + 1) * w) {
                    loose += s[1];
                }
            }
            long used = store.usage(KEY, window, t).tokens();
            assertThat(used).isEqualTo(counted).isBetween(exact, loose);
        }
    }
}
