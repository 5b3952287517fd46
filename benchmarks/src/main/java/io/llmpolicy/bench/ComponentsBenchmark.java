package io.llmpolicy.bench;

import io.llmpolicy.engine.budget.BudgetKey;
import io.llmpolicy.engine.budget.CalendarUnit;
import io.llmpolicy.engine.budget.CalendarWindow;
import io.llmpolicy.engine.budget.InMemoryBudgetStore;
import io.llmpolicy.engine.budget.Limits;
import io.llmpolicy.engine.budget.Reservation;
import io.llmpolicy.engine.budget.ReserveResult;
import io.llmpolicy.engine.budget.RollingWindow;
import io.llmpolicy.engine.budget.Usage;
import io.llmpolicy.engine.route.runtime.StickyHash;
import io.llmpolicy.engine.route.runtime.WeightedSplit;
import io.llmpolicy.engine.tokens.TokenCounter;
import io.llmpolicy.engine.tokens.TokenEncoding;
import io.llmpolicy.eval.Sampler;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The building blocks the engine's figures are made of, each alone: a budget reservation settled (calendar and
 * rolling windows), a sticky canary split, an eval sampling decision, and exact prompt token counts — the reason the
 * engine counts tokens only when a rule needs them and accepts a count from the caller.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ComponentsBenchmark -f 1 -prof gc}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ComponentsBenchmark {

    /** 900 characters of ordinary English prose with a little code and numbers: a typical short prompt. */
    static final String PROMPT = ("Summarise the customer's last three messages and suggest a polite reply. "
            + "The order #48213 shipped on 2026-11-02 but the tracking page still says 'label created'. "
            + "They asked twice whether express shipping can be refunded; policy allows a refund after 5 days. "
            + "Keep it under 80 words, no emojis, and include the tracking link https://example.com/t/48213. "
            + "def refund(order): return order.express and order.days_late >= 5  # the rule we apply "
            + "Thanks, Dana from support. ").repeat(2).substring(0, 900);

    InMemoryBudgetStore store;
    BudgetKey[] keys;
    CalendarWindow month;
    RollingWindow hour;
    Limits limits;
    Usage reserve;
    Usage actual;
    StickyHash hash;
    WeightedSplit split;
    String[] users;
    int next;

    @Setup
    public void setup() {
        store = new InMemoryBudgetStore();
        keys = new BudgetKey[64];
        users = new String[64];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = BudgetKey.of("per_team", "team-" + i);
            users[i] = "user-" + i;
        }
        month = new CalendarWindow(CalendarUnit.MONTH, ZoneOffset.UTC);
        hour = new RollingWindow(Duration.ofHours(1), RollingWindow.DEFAULT_BUCKETS);
        limits = Limits.of(Limits.UNLIMITED, Long.MAX_VALUE / 4, Limits.UNLIMITED);
        reserve = Usage.ofRequest(456, 3_000_000);
        actual = Usage.ofRequest(330, 2_100_000);
        hash = StickyHash.withSalt("chat");
        split = WeightedSplit.ofBasisPoints(9_000, 1_000);
        TokenCounter.shared().count(TokenEncoding.O200K_BASE, "warm"); // load the vocabularies outside the timing
        TokenCounter.shared().count(TokenEncoding.CL100K_BASE, "warm");
    }

    private boolean reserveAndSettle(io.llmpolicy.engine.budget.BudgetWindow window) {
        long now = 1_764_000_000_000L + next;
        ReserveResult r = store.reserve(keys[next++ & 63], window, reserve, limits, now);
        return r instanceof Reservation reservation && store.settle(reservation, actual, now);
    }

    /** Reserve at decide, settle with the real usage at complete: one team's calendar-month counter. */
    @Benchmark
    public boolean budgetCalendarMonth() {
        return reserveAndSettle(month);
    }

    /** The same in a rolling hour of 60 buckets. */
    @Benchmark
    public boolean budgetRollingHour() {
        return reserveAndSettle(hour);
    }

    /** A sticky 90/10 split: the arm of a user id (a salted 64-bit hash, then the weights). */
    @Benchmark
    public int stickySplit() {
        return split.armOf(hash, users[next++ & 63]);
    }

    /** Whether a 10% eval samples a request id (MurmurHash3 of the eval name and the id). */
    @Benchmark
    public boolean evalSampling() {
        return Sampler.sampled(users[next++ & 63], 100_000, "chat_quality");
    }

    /** Exact token count of 900 characters with the GPT-4 / GPT-3.5 vocabulary. */
    @Benchmark
    public int tokensCl100k() {
        return TokenCounter.shared().count(TokenEncoding.CL100K_BASE, PROMPT);
    }

    /** Exact token count of 900 characters with the GPT-4o / GPT-5 vocabulary. */
    @Benchmark
    public int tokensO200k() {
        return TokenCounter.shared().count(TokenEncoding.O200K_BASE, PROMPT);
    }

    /** The estimate used for models without a public tokenizer: {@code ceil(UTF-8 bytes / 4)}. */
    @Benchmark
    public int tokensEstimate() {
        return TokenCounter.shared().count(TokenEncoding.ESTIMATE, PROMPT);
    }
}
