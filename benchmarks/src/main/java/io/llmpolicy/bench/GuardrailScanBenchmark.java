package io.llmpolicy.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Guardrail scanning throughput over realistic English text (assistant-style prose, ASCII, so one byte per char)
 * with a few PII items sprinkled in (about one per 900 bytes).
 * <ul>
 *   <li>{@code defaultSet}: every built-in PII, secret and injection detector (target: at least 200 MB/s per core);</li>
 *   <li>{@code phraseList10k}: one policy phrase list of 10,000 two- and three-word terms, word boundaries on
 *       (target: at least 500 MB/s per core).</li>
 * </ul>
 * Throughput in MB/s is ops/s × {@code bytes} / 10^6. Results and machine: {@code docs/bench-results/guardrails.md}.
 *
 * <p>The benchmarks module reaches the guardrails module only through the engine, which does not depend on it at
 * the moment, so this class binds to the guardrails API through constant method handles (inlined by the JIT like
 * direct calls) and compiles either way. Run it with guardrails on the class path:
 * {@code java -cp benchmarks/target/benchmarks.jar:guardrails/target/classes org.openjdk.jmh.Main GuardrailScan
 * -f 1 -wi 3 -i 5 -prof gc}; once the module depends on guardrails, plain {@code java -jar benchmarks.jar} works.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GuardrailScanBenchmark {
    @Param({"1024", "4096", "65536"})
    int bytes;

    String text;
    Object defaults;
    Object phrases;
    Object findings;

    @Setup
    public void setup() throws Throwable {
        List<String> terms = terms();
        text = EnglishText.generate(bytes, 42, terms);
        defaults = Api.build(false, terms);
        phrases = Api.build(true, terms);
        findings = Api.NEW_FINDINGS.invoke();
        if (bytes >= 4096 && scan(defaults) < 3) throw new IllegalStateException("expected the sprinkled PII to be found");
        if (bytes >= 4096 && scan(phrases) < 1) throw new IllegalStateException("expected phrase-list hits");
    }

    @Benchmark
    public int defaultSet() throws Throwable {
        return scan(defaults);
    }

    @Benchmark
    public int phraseList10k() throws Throwable {
        return scan(phrases);
    }

    private int scan(Object set) throws Throwable {
        Api.SCAN.invokeExact(set, (CharSequence) text, findings);
        return (int) Api.SIZE.invokeExact(findings);
    }

    /** 10,000 distinct terms (adjective + noun, every third with a second noun): a codename or product blocklist. */
    static List<String> terms() {
        String[] adjectives = ("amber azure bold brave bright calm clever crimson crystal dark dusty eager early "
                + "electric emerald fancy fast fierce frozen gentle giant golden grand green hidden hollow humble icy "
                + "iron jolly lazy little lone lucky lunar mellow misty modern noble odd olive orange pale proud "
                + "purple quiet rapid red royal rusty scarlet secret shy silent silver sleepy smooth solar stormy "
                + "sunny swift tall tiny urban velvet vivid wild windy wise young").split(" ");
        String[] nouns = ("anchor apple arrow aspen badger banner beacon bear birch bison blossom boulder breeze "
                + "bridge brook canyon castle cedar cliff cloud comet coral cove crane creek crow dawn delta desert "
                + "dove dragon dune eagle echo ember falcon fern field finch fjord flame forest fox galaxy garden "
                + "glacier grove harbor hawk heron hill horizon island ivy jaguar lagoon lake lantern leaf lion "
                + "lotus lynx maple meadow mesa meteor mist moon moose mountain nebula oak ocean orchid otter owl "
                + "panther peak pebble pine planet pond prairie quail quartz raven reef ridge river robin rock rose "
                + "sage sail shadow shore sky sparrow spruce star stone storm stream summit sun swan thunder tide "
                + "tiger timber trail tulip valley violet wave willow wind wolf wren").split(" ");
        Set<String> out = new LinkedHashSet<>();
        Random r = new Random(7);
        while (out.size() < 10_000) {
            out.add(adjectives[r.nextInt(adjectives.length)] + " " + nouns[r.nextInt(nouns.length)]
                    + (out.size() % 3 == 0 ? " " + nouns[r.nextInt(nouns.length)] : ""));
        }
        return new ArrayList<>(out);
    }

    /** Constant method handles onto the guardrails API (see the class comment for why). */
    static final class Api {
        static final MethodHandle SCAN;
        static final MethodHandle SIZE;
        static final MethodHandle NEW_FINDINGS;
        private static final MethodHandle BUILDER;
        private static final MethodHandle DETECTORS;
        private static final MethodHandle PHRASES;
        private static final MethodHandle BUILD;
        private static final MethodHandle DEFAULTS;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.publicLookup();
                Class<?> set = Class.forName("io.llmpolicy.guard.GuardrailSet");
                Class<?> builder = Class.forName("io.llmpolicy.guard.GuardrailSet$Builder");
                Class<?> sink = Class.forName("io.llmpolicy.guard.Findings");
                Class<?> detector = Class.forName("io.llmpolicy.guard.BuiltinDetector");
                SCAN = l.findVirtual(set, "scan", MethodType.methodType(void.class, CharSequence.class, sink))
                        .asType(MethodType.methodType(void.class, Object.class, CharSequence.class, Object.class));
                SIZE = l.findVirtual(sink, "size", MethodType.methodType(int.class))
                        .asType(MethodType.methodType(int.class, Object.class));
                NEW_FINDINGS = l.findConstructor(sink, MethodType.methodType(void.class));
                BUILDER = l.findStatic(set, "builder", MethodType.methodType(builder));
                DETECTORS = l.findVirtual(builder, "detectors", MethodType.methodType(builder, Collection.class));
                PHRASES = l.findVirtual(builder, "phrases",
                        MethodType.methodType(builder, String.class, Collection.class, boolean.class));
                BUILD = l.findVirtual(builder, "build", MethodType.methodType(set));
                DEFAULTS = l.findStatic(detector, "defaults", MethodType.methodType(Set.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the guardrails module is not on the class path; run with "
                        + "-cp benchmarks/target/benchmarks.jar:guardrails/target/classes", e);
            }
        }

        private Api() {}

        static Object build(boolean phraseList, List<String> terms) throws Throwable {
            Object b = BUILDER.invoke();
            if (phraseList) b = PHRASES.invoke(b, "blocklist", terms, true);
            else b = DETECTORS.invoke(b, (Collection<?>) DEFAULTS.invoke());
            return BUILD.invoke(b);
        }
    }

    /**
     * Deterministic, realistic English text: assistant-style prose from a fixed set of sentences, with a PII item
     * (e-mail, phone, card, IP address, URL) about every 900 characters and a phrase-list term about every 1,500.
     * ASCII only, so {@code bytes} chars are {@code bytes} bytes of UTF-8.
     */
    static final class EnglishText {
        private static final String[] SENTENCES = {
            "Thanks for reaching out about your order; I have looked into the shipping status for you.",
            "The package left our warehouse on Tuesday and should arrive within three to five business days.",
            "If you would like to change the delivery address, please reply to this message before Friday.",
            "Our support team is available from nine in the morning until six in the evening, Monday to Saturday.",
            "I understand how frustrating it can be when a delivery is delayed, and I apologise for the trouble.",
            "You can track the shipment at any time from the orders page of your account.",
            "The refund was issued to your original payment method and usually appears within a week.",
            "Here is a short summary of the changes we discussed during yesterday's call with the product team.",
            "First, the onboarding flow will ask for fewer details up front, which should reduce drop-off.",
            "Second, we will move the pricing comparison table closer to the top of the landing page.",
            "Finally, the mobile app will get a dark mode, which many customers have been asking for.",
            "Let me know whether this matches your notes, or if I missed anything important.",
            "The quarterly report shows that revenue grew by twelve percent while costs stayed roughly flat.",
            "Most of the growth came from the enterprise segment, where three large contracts were renewed early.",
            "We expect the second half of the year to be slower because of seasonal effects in retail.",
            "To reset your password, open the settings page, choose security, and follow the steps shown there.",
            "If the reset email does not arrive, check your spam folder before contacting support again.",
            "The meeting has been moved to Thursday afternoon so that everyone from the Berlin office can join.",
            "Please bring the updated budget spreadsheet and the draft of the hiring plan for next quarter.",
            "A good way to start the essay is to describe the problem in plain words before proposing a fix.",
            "Photosynthesis converts light energy into chemical energy that plants store as sugar.",
            "The recipe calls for two cups of flour, a pinch of salt, and about half a cup of warm water.",
            "Knead the dough for ten minutes, then let it rest in a covered bowl until it doubles in size.",
            "When writing unit tests, name each test after the behaviour it checks rather than the method.",
            "The library handles retries automatically, but you can configure the backoff if you need to.",
            "Remember that the free plan includes five projects and up to three collaborators per project.",
            "In 2023 the team shipped 14 releases, and the median review time dropped to about 6 hours.",
            "Version 2.4 fixes the crash on startup and improves battery life on older phones.",
            "Could you double-check the numbers in section 3 before we send the report to the board?",
            "The hiking trail climbs about 800 metres over 12 kilometres, so plan for a long day.",
        };
        private static final String[] PII = {
            " You can reach me at jane.doe@example.org if anything changes.",
            " My direct line is +44 20 7946 0958 during office hours.",
            " The test card on file is 4111 1111 1111 1111 for now.",
            " The staging server runs at 10.20.30.40 behind the load balancer.",
            " The setup guide is at https://docs.example.com/guides/setup if you need it.",
        };

        private EnglishText() {}

        static String generate(int bytes, long seed, List<String> terms) {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder(bytes + 200);
            int pii = 0;
            int term = 0;
            while (sb.length() < bytes) {
                sb.append(SENTENCES[r.nextInt(SENTENCES.length)]).append(' ');
                if (sb.length() / 900 > pii) {
                    sb.append(PII[pii % PII.length]).append(' ');
                    pii++;
                }
                if (terms != null && sb.length() / 1500 > term) {
                    sb.append("We also discussed the ").append(terms.get((term * 97) % terms.size())).append(" project. ");
                    term++;
                }
                if (r.nextInt(5) == 0) sb.append("\n\n");
            }
            return sb.substring(0, bytes);
        }
    }
}
