package io.llmpolicy.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads against one key. The bound under test (docs/budgets.md): reservations alone never take usage over
 * a limit; after settlement, usage exceeds the limit by at most the sum over settled requests of
 * max(0, actual - reserved).
 */
class BudgetConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 10_000;
    private static final BudgetWindow DAY = BudgetWindow.calendar(CalendarUnit.DAY, ZoneOffset.UTC);
    private static final BudgetKey KEY = BudgetKey.of("global");
    private static final long NOW = 1_796_000_000_000L;

    /** Runs {@code body(thread)} on {@link #THREADS} threads released together. */
    private static void runTogether(ThreadBody body) throws InterruptedException {
        runTogether(THREADS, body);
    }

    private static void runTogether(int threadCount, ThreadBody body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void reserveOneToken_80kAttempts_fillsLimitExactly() throws InterruptedException {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        Limits limits = Limits.of(50_000, Limits.UNLIMITED, Limits.UNLIMITED);
        AtomicLong admitted = new AtomicLong();
        runTogether(t -> {
            for (int i = 0; i < PER_THREAD; i++) {
                if (store.reserve(KEY, DAY, Usage.ofRequest(1, 0), limits, NOW) instanceof Reservation) {
                    admitted.incrementAndGet();
                }
            }
        });
        assertThat(admitted.get()).isEqualTo(50_000);
        assertThat(store.usage(KEY, DAY, NOW)).isEqualTo(new Usage(50_000, 0, 50_000));
    }

    @Test
    void reserveRandomAmounts_manyDimensions_totalEqualsAdmittedAndStaysUnderEveryLimit()
            throws InterruptedException {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        Limits limits = Limits.of(300_000, 2_000_000, 60_000);
        AtomicLong tokens = new AtomicLong();
        AtomicLong cost = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        runTogether(t -> {
            SplittableRandom random = new SplittableRandom(t);
            for (int i = 0; i < PER_THREAD; i++) {
                Usage amount = Usage.ofRequest(random.nextLong(1, 11), random.nextLong(0, 60));
                if (store.reserve(KEY, DAY, amount, limits, NOW) instanceof Reservation) {
                    tokens.addAndGet(amount.tokens());
                    cost.addAndGet(amount.nanoUsd());
                    requests.incrementAndGet();
                }
            }
        });
        Usage used = store.usage(KEY, DAY, NOW);
        assertThat(used).isEqualTo(new Usage(tokens.get(), cost.get(), requests.get()));
        assertThat(used.tokens()).isLessThanOrEqualTo(300_000);
        assertThat(used.nanoUsd()).isLessThanOrEqualTo(2_000_000);
        assertThat(used.requests()).isLessThanOrEqualTo(60_000);
        // The demand (about 440k tokens, 2.4M nano, 80k requests) exceeds every limit: the budget ran full.
        assertThat(used.tokens() > 299_990 || used.nanoUsd() > 1_999_940 || used.requests() == 60_000).isTrue();
    }

    @Test
    void reserveSettleRelease_concurrently_overspendIsExactlyTheSettledExcess() throws InterruptedException {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        long limit = 200_000;
        Limits limits = Limits.of(limit, Limits.UNLIMITED, Limits.UNLIMITED);
        AtomicLong actualTotal = new AtomicLong();
        AtomicLong excess = new AtomicLong();
        runTogether(t -> {
            SplittableRandom random = new SplittableRandom(100 + t);
            for (int i = 0; i < PER_THREAD; i++) {
                long reserved = random.nextLong(1, 20);
                if (!(store.reserve(KEY, DAY, Usage.ofRequest(reserved, 0), limits, NOW) instanceof Reservation r)) {
                    continue;
                }
                if (random.nextInt(10) == 0) {
                    assertThat(store.release(r, NOW)).isTrue();
                    continue;
                }
                long actual = Math.max(0, reserved + random.nextLong(-5, 4)); // up to 3 tokens more than reserved
                assertThat(store.settle(r, Usage.ofRequest(actual, 0), NOW)).isTrue();
                actualTotal.addAndGet(actual);
                excess.addAndGet(Math.max(0, actual - reserved));
            }
        });
        long used = store.usage(KEY, DAY, NOW).tokens();
        assertThat(used).isEqualTo(actualTotal.get());
        assertThat(used).isLessThanOrEqualTo(limit + excess.get());
        assertThat(excess.get()).isPositive();
    }

    @Test
    void alerts_crossedByManyThreads_fireExactlyOncePerThreshold() throws InterruptedException {
        ConcurrentLinkedQueue<BudgetAlert> fired = new ConcurrentLinkedQueue<>();
        InMemoryBudgetStore store = new InMemoryBudgetStore(fired::add);
        Limits limits = Limits.of(10_000, Limits.UNLIMITED, Limits.UNLIMITED).withAlerts(5_000, 8_000, 9_500, 10_000);
        runTogether(t -> {
            for (int i = 0; i < 2_000; i++) {
                store.reserve(KEY, DAY, Usage.ofRequest(1, 0), limits, NOW);
            }
        });
        assertThat(fired).extracting(BudgetAlert::thresholdBps).containsExactlyInAnyOrder(5_000, 8_000, 9_500, 10_000);
        for (BudgetAlert alert : fired) {
            assertThat(alert.used()).isGreaterThanOrEqualTo(alert.limit() * alert.thresholdBps() / 10_000);
            assertThat(alert.dimension()).isEqualTo(BudgetDimension.TOKENS);
        }
    }

    @Test
    void differentKeys_concurrently_areIndependentAndExact() throws InterruptedException {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        runTogether(t -> {
            for (int i = 0; i < PER_THREAD; i++) {
                store.charge(BudgetKey.of("per-user", "u" + (i % 16)), DAY, Usage.ofRequest(1, 1), Limits.NONE, NOW);
            }
        });
        for (int u = 0; u < 16; u++) {
            assertThat(store.usage(BudgetKey.of("per-user", "u" + u), DAY, NOW))
                    .isEqualTo(new Usage(THREADS * PER_THREAD / 16, THREADS * PER_THREAD / 16, THREADS * PER_THREAD / 16));
        }
    }

    @Test
    void evictionRacingWithReservations_neverLosesAnOutstandingReservation() throws InterruptedException {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        AtomicLong evictions = new AtomicLong();
        AtomicLong invisible = new AtomicLong();
        CountDownLatch workersDone = new CountDownLatch(2);
        runTogether(3, t -> { // one evictor, two workers: few enough that the key is often idle
            if (t == 0) {
                while (workersDone.getCount() > 0) {
                    evictions.addAndGet(store.evictIdle(NOW)); // drops the state whenever all were released
                }
                return;
            }
            for (int i = 0; i < 5 * PER_THREAD; i++) {
                Reservation r = (Reservation) store.reserve(KEY, DAY, Usage.ofRequest(1, 0), Limits.NONE, NOW);
                // While it is outstanding, the reservation must be counted by the key's live state.
                if (store.usage(KEY, DAY, NOW).tokens() < 1) {
                    invisible.incrementAndGet();
                }
                store.release(r, NOW);
                idleWork += spin(i); // the key is idle meanwhile, so the evictor gets to drop its state
            }
            workersDone.countDown();
        });
        assertThat(invisible.get()).isZero();
        assertThat(store.usage(KEY, DAY, NOW)).isEqualTo(Usage.ZERO);
        System.out.println("evictions during the race: " + evictions.get());
    }

    private static volatile long idleWork;

    private static long spin(int seed) {
        long x = seed;
        for (int i = 0; i < 300; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    @FunctionalInterface
    interface ThreadBody {
        void run(int thread) throws Exception;
    }
}
