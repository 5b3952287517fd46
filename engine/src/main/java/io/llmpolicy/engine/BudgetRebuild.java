package io.llmpolicy.engine;

import io.llmpolicy.engine.budget.BudgetKey;
import io.llmpolicy.engine.budget.BudgetStore;
import io.llmpolicy.engine.budget.BudgetWindow;
import io.llmpolicy.engine.budget.CalendarWindow;
import io.llmpolicy.engine.budget.RollingWindow;
import io.llmpolicy.engine.budget.Usage;
import io.llmpolicy.engine.compile.Plan;
import io.llmpolicy.trace.BudgetCharge;
import io.llmpolicy.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds budget counters from the trace log after a restart: every budget charge recorded within the longest
 * window of the policy is counted again at its record's time, so each counter lands in the window it belonged to
 * (closed windows are simply never read). Charges of budgets the policy no longer has are ignored.
 */
final class BudgetRebuild {
    private BudgetRebuild() {}

    /** @return the number of charges counted */
    static long rebuild(Path traceDir, Plan plan, BudgetStore store, long nowMillis) {
        if (!Files.isDirectory(traceDir)) return 0;
        Map<String, Plan.BudgetLimit> byKey = new HashMap<>();
        long longest = 0;
        for (Plan.Budget b : plan.budgets()) {
            for (Plan.BudgetLimit l : b.limits()) {
                byKey.put(l.keyName(), l);
                longest = Math.max(longest, length(l.window()));
            }
        }
        if (byKey.isEmpty()) return 0;
        long[] counted = {0};
        try (TraceReader reader = TraceReader.open(traceDir)) {
            reader.forEachSince(Instant.ofEpochMilli(nowMillis - longest), entry -> {
                long at = entry.record().endTimeUnixNano() / 1_000_000L;
                for (BudgetCharge c : entry.record().budgetCharges()) {
                    Plan.BudgetLimit l = byKey.get(c.budget());
                    if (l == null) continue;
                    Usage u = switch (c.unit()) {
                        case BudgetCharge.NANO_USD -> new Usage(0, c.amount(), 0);
                        case "tokens" -> new Usage(c.amount(), 0, 0);
                        default -> new Usage(0, 0, c.amount());
                    };
                    String[] scope = c.key().isEmpty() ? new String[0] : c.key().split("/", -1);
                    store.charge(BudgetKey.of(c.budget(), scope), l.window(), u, l.limits(), at);
                    counted[0]++;
                }
            });
        }
        return counted[0];
    }

    private static long length(BudgetWindow w) {
        return switch (w) {
            case CalendarWindow c -> switch (c.unit()) {
                case MINUTE -> Duration.ofMinutes(1).toMillis();
                case HOUR -> Duration.ofHours(1).toMillis();
                case DAY -> Duration.ofDays(1).plusHours(1).toMillis();
                case WEEK -> Duration.ofDays(7).plusHours(1).toMillis();
                case MONTH -> Duration.ofDays(31).plusHours(1).toMillis();
            };
            case RollingWindow r -> r.duration().toMillis() + r.bucketMillis();
        };
    }
}
