package io.llmpolicy.engine.route.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LatencyTrackerTest {

    @Test
    void unseenTarget_usesInitialValue_firstSampleReplacesIt() {
        LatencyTracker tracker = new LatencyTracker(2, 0.5, 1_000);
        assertThat(tracker.estimateMillis(0)).isEqualTo(1_000);
        assertThat(tracker.hasSamples(0)).isFalse();
        tracker.record(0, 100);
        assertThat(tracker.estimateMillis(0)).isEqualTo(100);
        assertThat(tracker.hasSamples(0)).isTrue();
        assertThat(tracker.estimateMillis(1)).isEqualTo(1_000);
    }

    @Test
    void ewma_followsFormula() {
        LatencyTracker tracker = new LatencyTracker(1, 0.5, 0);
        tracker.record(0, 100);
        tracker.record(0, 200);
        assertThat(tracker.estimateMillis(0)).isEqualTo(150);
        tracker.record(0, 300);
        assertThat(tracker.estimateMillis(0)).isEqualTo(225);

        LatencyTracker slow = new LatencyTracker(1, 0.1, 0);
        slow.record(0, 100);
        slow.record(0, 1_100); // a spike moves the average by a tenth of the difference
        assertThat(slow.estimateMillis(0)).isCloseTo(200, within(1e-9));
    }

    @Test
    void fastest_prefersLowestEstimate_tiesGoToPolicyOrder() {
        LatencyTracker tracker = new LatencyTracker(4, 0.2, 500);
        tracker.record(1, 300);
        tracker.record(2, 300);
        tracker.record(3, 900);
        assertThat(tracker.fastest(new int[] {0, 1, 2, 3}, 4)).isEqualTo(1);
        assertThat(tracker.fastest(new int[] {3, 0}, 2)).isEqualTo(1); // unseen (500) beats 900
        assertThat(tracker.fastest(new int[] {2, 1}, 2)).isZero();
        assertThat(tracker.fastest(new int[] {}, 0)).isEqualTo(-1);
    }

    @Test
    void concurrentSamples_keepAverageWithinSampleRange() throws InterruptedException {
        LatencyTracker tracker = new LatencyTracker(1, 0.3, 0);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            double sample = 100 + t * 100; // 100..400
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 10_000; i++) {
                    tracker.record(0, sample);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(tracker.estimateMillis(0)).isBetween(100.0, 400.0);
    }

    @Test
    void invalidArguments_areRejected() {
        assertThatThrownBy(() -> new LatencyTracker(1, 0, 0)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new LatencyTracker(1, 1.5, 0)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new LatencyTracker(1, 0.5, Double.NaN)).hasMessageContaining("initial");
        LatencyTracker tracker = new LatencyTracker(1, 0.5, 0);
        assertThatThrownBy(() -> tracker.record(0, -1)).hasMessageContaining("latency");
        assertThatThrownBy(() -> tracker.record(0, Double.POSITIVE_INFINITY)).hasMessageContaining("latency");
    }
}
