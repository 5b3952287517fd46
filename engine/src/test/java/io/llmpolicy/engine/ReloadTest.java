package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTest {
    @TempDir
    Path dir;

    static String version(int v, String target) {
        return "policy \"live\" version \"" + v + "\"\n" + Policies.MODELS + "route r { otherwise -> " + target + " }\n";
    }

    @Test
    void reload_brokenVersion_isRejected_andOldKeepsServing() throws Exception {
        Path file = dir.resolve("live.llmpolicy");
        Files.writeString(file, version(1, "a"));
        PolicyEngine e = PolicyEngine.builder().policy(file).build();
        Files.writeString(file, "policy \"live\" version \"2\"\nroute r { otherwise -> missing }\n");
        ReloadResult r = e.reload();
        assertThat(r.applied()).isFalse();
        assertThat(r.rendered()).contains("error[E202]: unknown model 'missing'");
        assertThat(r.serving().version()).isEqualTo("1");
        assertThat(e.decide(LlmRequest.builder("x").user("hi").build()).target()).isEqualTo("a");
        Files.writeString(file, version(3, "b"));
        assertThat(e.reload().applied()).isTrue();
        Decision d = e.decide(LlmRequest.builder("y").user("hi").build());
        assertThat(d.target()).isEqualTo("b");
        assertThat(d.policy().version()).isEqualTo("3");
    }

    @Test
    void reload_underLoad_noRequestFails_andEachDecisionIsConsistentWithItsVersion() throws Exception {
        Path file = dir.resolve("live.llmpolicy");
        Files.writeString(file, version(0, "a"));
        PolicyEngine e = PolicyEngine.builder().policy(file).build();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong decided = new AtomicLong();
        ConcurrentHashMap<String, String> targetByVersion = new ConcurrentHashMap<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                started.countDown();
                long i = 0;
                while (!stop.get()) {
                    try {
                        LlmRequest r = LlmRequest.builder("r" + i++).user("hi").build();
                        Decision d = e.decide(r);
                        e.complete(d, LlmResponse.success("ok", 10, 10, 5));
                        String previous = targetByVersion.putIfAbsent(d.policy().version(), d.target());
                        if (previous != null && !previous.equals(d.target())) {
                            failures.add(new AssertionError("version " + d.policy().version() + " routed to " + previous + " and " + d.target()));
                        }
                        decided.incrementAndGet();
                    } catch (Throwable x) {
                        failures.add(x);
                    }
                }
            }));
        }
        started.await();
        for (int v = 1; v <= 40; v++) {
            Files.writeString(file, v % 5 == 0 ? "policy \"live\" version \"" + v + "\"\nroute broken {\n" : version(v, v % 2 == 0 ? "a" : "b"));
            ReloadResult r = e.reload();
            assertThat(r.applied()).isEqualTo(v % 5 != 0);
        }
        stop.set(true);
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        assertThat(failures).isEmpty();
        assertThat(decided.get()).isGreaterThan(0);
        assertThat(targetByVersion.keySet()).allMatch(v -> Integer.parseInt(v) == 0 || Integer.parseInt(v) % 5 != 0);
    }

    @Test
    void watch_fileChange_isPickedUp() throws Exception {
        Path file = dir.resolve("watched.llmpolicy");
        Files.writeString(file, version(1, "a"));
        try (PolicyEngine e = PolicyEngine.builder().policy(file).watch(true).build()) {
            Files.writeString(file, version(2, "b"));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!e.policy().version().equals("2") && System.nanoTime() < deadline) Thread.onSpinWait();
            assertThat(e.policy().version()).isEqualTo("2");
        }
    }
}
