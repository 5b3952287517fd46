package io.llmpolicy.script;

import static io.llmpolicy.script.TestRuntimes.fn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads calling at once get correct and independent results: no call sees what another call (on the same
 * pooled context or not) left behind, because every call runs the script's top level afresh (fresh bindings) in
 * a context whose global object and built-ins are frozen.
 */
@Timeout(120)
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final String[] WORDS = {"refund", "invoice", "ticket", "urgent", "billing", "login", "error",
        "account", "password", "shipping", "delay", "order"};

    static final String OVERLAP = """
            function overlap(a, b) {
              const wa = new Set(a.toLowerCase().split(/\\W+/).filter(w => w.length > 0));
              const wb = new Set(b.toLowerCase().split(/\\W+/).filter(w => w.length > 0));
              if (wa.size === 0 || wb.size === 0) return 0;
              let common = 0;
              for (const w of wa) if (wb.has(w)) common++;
              return common / Math.max(wa.size, wb.size);
            }""";

    @Test
    void scorer_calledFromManyThreads_matchesJavaReference() throws Exception {
        ScriptFunction overlap = fn(OVERLAP, "overlap", ScriptType.NUMBER, ScriptType.STRING, ScriptType.STRING);

        List<Object[]> failures = runConcurrently(60, (thread, i, random) -> {
            String a = sentence(random);
            String b = sentence(random);
            Object got = overlap.call(a, b);
            double want = reference(a, b);
            return got.equals(want) ? null : new Object[] {a, b, got, want};
        });

        assertThat(failures).isEmpty();
    }

    @Test
    void topLevelState_isFreshOnEveryCall_evenOnReusedContexts() throws Exception {
        ScriptFunction tick = fn("let calls = 0;\nconst seen = [];\nfunction tick(x) { calls++; seen.push(x); return calls * 1000 + seen.length; }",
                "tick", ScriptType.NUMBER, ScriptType.STRING);

        List<Object[]> failures = runConcurrently(40, (thread, i, random) -> {
            Object got = tick.call("t" + thread + "-" + i);
            return got.equals(1001.0) ? null : new Object[] {thread, i, got};
        });

        assertThat(failures).isEmpty();
        assertThat(TestRuntimes.shared().stats().contexts()).isLessThanOrEqualTo(8);
    }

    @Test
    void globalWrites_neverBecomeVisibleToLaterCalls() throws Exception {
        ScriptFunction plant = fn("function plant(v) { try { globalThis.planted = v; } catch (e) { } "
                + "try { Object.prototype.planted = v; } catch (e) { } return 'done'; }",
                "plant", ScriptType.STRING, ScriptType.STRING);
        ScriptFunction look = fn("function look() { return typeof globalThis.planted + '/' + typeof ({}).planted; }",
                "look", ScriptType.STRING);

        List<Object[]> failures = runConcurrently(30, (thread, i, random) -> {
            plant.call("secret-" + thread);
            Object seen = look.call();
            return seen.equals("undefined/undefined") ? null : new Object[] {thread, seen};
        });

        assertThat(failures).isEmpty();
    }

    @Test
    void listArguments_fromManyThreads_areIndependentCopies() throws Exception {
        ScriptFunction tagged = fn("function tagged(tags, prefix) { tags.push('added'); return tags.filter(t => t.startsWith(prefix)); }",
                "tagged", ScriptType.STRING_LIST, ScriptType.STRING_LIST, ScriptType.STRING);

        List<Object[]> failures = runConcurrently(40, (thread, i, random) -> {
            List<String> tags = List.of("team-" + thread, "user-" + i, "team-x");
            Object got = tagged.call(tags, "team-");
            return got.equals(List.of("team-" + thread, "team-x")) ? null : new Object[] {thread, i, got};
        });

        assertThat(failures).isEmpty();
    }

    interface Body {
        /** Returns null when the call was right, else what went wrong. */
        Object[] run(int thread, int iteration, Random random);
    }

    private static List<Object[]> runConcurrently(int callsPerThread, Body body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Object[]>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<Object[]>> task = () -> {
                    Random random = new Random(thread);
                    List<Object[]> bad = new ArrayList<>();
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        Object[] wrong = body.run(thread, i, random);
                        if (wrong != null) {
                            bad.add(wrong);
                        }
                    }
                    return bad;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Object[]> all = new ArrayList<>();
            for (Future<List<Object[]>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String sentence(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : random.nextBoolean() ? " " : ", ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    private static double reference(String a, String b) {
        Set<String> wa = words(a);
        Set<String> wb = words(b);
        if (wa.isEmpty() || wb.isEmpty()) {
            return 0;
        }
        long common = wa.stream().filter(wb::contains).count();
        return (double) common / Math.max(wa.size(), wb.size());
    }

    private static Set<String> words(String s) {
        Set<String> out = new HashSet<>();
        for (String w : s.toLowerCase().split("\\W+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
