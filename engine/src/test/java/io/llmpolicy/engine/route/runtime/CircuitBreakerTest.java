package io.llmpolicy.engine.route.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final long T0 = 1_796_000_000_000L;
    private static final Duration COOLDOWN = Duration.ofSeconds(10);

    private static CircuitBreaker breaker(int threshold) {
        return new CircuitBreaker(3, COOLDOWN, threshold, Duration.ofMinutes(5));
    }

    @Test
    void failure_coolsDownForExactlyTheCooldown() {
        CircuitBreaker breaker = breaker(1);
        breaker.recordFailure(0, T0);
        assertThat(breaker.isAvailable(0, T0)).isFalse();
        assertThat(breaker.isAvailable(0, T0 + 9_999)).isFalse();
        assertThat(breaker.isAvailable(0, T0 + 10_000)).isTrue();
        assertThat(breaker.isAvailable(1, T0)).isTrue();
        assertThat(breaker.coolingUntil(0)).isEqualTo(T0 + 10_000);
        assertThat(breaker.coolingUntil(1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void threshold_countsEveryAttemptIncludingRetries() {
        CircuitBreaker breaker = breaker(3);
        breaker.recordFailure(0, T0);       // first attempt
        breaker.recordFailure(0, T0 + 100); // retry 1
        assertThat(breaker.isAvailable(0, T0 + 100)).isTrue();
        breaker.recordFailure(0, T0 + 200); // retry 2: third consecutive failure
        assertThat(breaker.isAvailable(0, T0 + 200)).isFalse();
        assertThat(breaker.coolingUntil(0)).isEqualTo(T0 + 10_200);
        assertThat(breaker.consecutiveFailures(0)).isEqualTo(3);
    }

    @Test
    void success_resetsCount() {
        CircuitBreaker breaker = breaker(2);
        breaker.recordFailure(0, T0);
        breaker.recordSuccess(0);
        breaker.recordFailure(0, T0 + 1);
        assertThat(breaker.isAvailable(0, T0 + 1)).isTrue();
        assertThat(breaker.consecutiveFailures(0)).isEqualTo(1);
    }

    @Test
    void afterCooldown_oneMoreFailureCoolsDownAgain_halfOpen() {
        CircuitBreaker breaker = breaker(3);
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure(0, T0);
        }
        long probe = T0 + 10_000;
        assertThat(breaker.isAvailable(0, probe)).isTrue();
        breaker.recordFailure(0, probe);
        assertThat(breaker.isAvailable(0, probe)).isFalse();
        assertThat(breaker.coolingUntil(0)).isEqualTo(probe + 10_000);
    }

    @Test
    void retryAfter_isRespected_cappedAndEvenBelowThreshold() {
        CircuitBreaker breaker = breaker(5);
        breaker.recordFailure(0, T0, 30_000);
        assertThat(breaker.coolingUntil(0)).isEqualTo(T0 + 30_000);
        breaker.recordFailure(1, T0, Duration.ofHours(1).toMillis());
        assertThat(breaker.coolingUntil(1)).isEqualTo(T0 + Duration.ofMinutes(5).toMillis());
        // A Retry-After shorter than the cooldown does not shorten a tripped cooldown.
        CircuitBreaker tripped = breaker(1);
        tripped.recordFailure(0, T0, 2_000);
        assertThat(tripped.coolingUntil(0)).isEqualTo(T0 + 10_000);
    }

    @Test
    void laterFailure_neverShortensCooldown() {
        CircuitBreaker breaker = breaker(1);
        breaker.recordFailure(0, T0, 60_000);
        breaker.recordFailure(0, T0 + 1_000);
        assertThat(breaker.coolingUntil(0)).isEqualTo(T0 + 60_000);
    }

    @Test
    void allCoolingDown_soonestEndingIsChosen() {
        CircuitBreaker breaker = breaker(1);
        int[] route = {2, 0, 1};
        breaker.recordFailure(2, T0, 50_000);
        breaker.recordFailure(0, T0);
        assertThat(breaker.firstAvailable(route, 3, T0)).isEqualTo(2); // target 1 is still fine
        breaker.recordFailure(1, T0 + 5_000);
        assertThat(breaker.firstAvailable(route, 3, T0 + 5_000)).isEqualTo(-1);
        assertThat(breaker.soonestAvailable(route, 3)).isEqualTo(1); // target 0 ends at T0 + 10 s
        assertThat(breaker.firstAvailable(route, 3, T0 + 10_000)).isEqualTo(1);
        assertThat(breaker.soonestAvailable(route, 0)).isEqualTo(-1);
    }

    @Test
    void concurrentFailures_areAllCounted() throws InterruptedException {
        CircuitBreaker breaker = new CircuitBreaker(1, COOLDOWN, 1_000_000, Duration.ZERO);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 1_000; i++) {
                    breaker.recordFailure(0, T0 + i);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(breaker.consecutiveFailures(0)).isEqualTo(8_000);
        assertThat(breaker.isAvailable(0, T0 + 1_000)).isTrue(); // threshold not reached
    }

    @Test
    void invalidArguments_areRejected() {
        assertThatThrownBy(() -> new CircuitBreaker(1, Duration.ZERO, 1, Duration.ZERO)).hasMessageContaining("cooldown");
        assertThatThrownBy(() -> new CircuitBreaker(1, COOLDOWN, 0, Duration.ZERO)).hasMessageContaining("threshold");
    }
}
