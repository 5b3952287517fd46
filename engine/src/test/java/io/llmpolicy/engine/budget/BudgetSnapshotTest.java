package io.llmpolicy.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetSnapshotTest {

    private static final CalendarWindow BERLIN_MONTH = BudgetWindow.calendar(CalendarUnit.MONTH,
            ZoneId.of("Europe/Berlin"));
    private static final RollingWindow HOUR = BudgetWindow.rolling(Duration.ofHours(1));
    private static final BudgetKey TEAM = BudgetKey.of("team-monthly", "search");
    private static final BudgetKey USER = BudgetKey.of("user-hourly", "search", "u42");
    private static final long T0 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final Limits TEAM_LIMITS = Limits.of(Limits.UNLIMITED, 1_000_000, Limits.UNLIMITED)
            .withAlerts(5_000);

    @Test
    void snapshotRestore_roundTrip_keepsUsageBucketsAndFiredAlerts(@TempDir Path dir) throws IOException {
        InMemoryBudgetStore before = new InMemoryBudgetStore();
        before.charge(TEAM, BERLIN_MONTH, Usage.ofRequest(1_000, 600_000), TEAM_LIMITS, T0);
        before.charge(USER, HOUR, Usage.ofRequest(10, 1), Limits.NONE, T0);
        before.charge(USER, HOUR, Usage.ofRequest(20, 2), Limits.NONE, T0 + Duration.ofMinutes(30).toMillis());
        Path file = dir.resolve("budgets.json");
        before.snapshot(file);

        List<BudgetAlert> alerts = new ArrayList<>();
        InMemoryBudgetStore after = new InMemoryBudgetStore(alerts::add);
        after.restore(file);

        long t = T0 + Duration.ofMinutes(30).toMillis();
        assertThat(after.usage(TEAM, BERLIN_MONTH, t)).isEqualTo(new Usage(1_000, 600_000, 1));
        assertThat(after.usage(USER, HOUR, t)).isEqualTo(new Usage(30, 3, 2));
        // The 50 % alert already fired this month before the restart: not again.
        after.charge(TEAM, BERLIN_MONTH, Usage.ofRequest(1, 1), TEAM_LIMITS, t);
        assertThat(alerts).isEmpty();
        // Buckets keep sliding after the restore: the first spend leaves after 61 minutes.
        assertThat(after.usage(USER, HOUR, T0 + Duration.ofMinutes(61).toMillis())).isEqualTo(new Usage(20, 2, 1));
        // Month end in Berlin resets.
        long december = Instant.parse("2026-11-30T23:00:00Z").toEpochMilli();
        assertThat(after.usage(TEAM, BERLIN_MONTH, december)).isEqualTo(Usage.ZERO);

        // Snapshot of the restored store equals the original snapshot.
        Path again = dir.resolve("again.json");
        InMemoryBudgetStore reread = new InMemoryBudgetStore();
        reread.restore(file);
        reread.snapshot(again);
        assertThat(Files.readString(again)).isEqualTo(Files.readString(file));
    }

    @Test
    void snapshot_format_isDocumentedJson(@TempDir Path dir) throws IOException {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        store.charge(TEAM, BERLIN_MONTH, Usage.ofRequest(1_000, 600_000), TEAM_LIMITS, T0);
        Path file = dir.resolve("budgets.json");
        store.snapshot(file);

        assertThat(Files.readString(file)).isEqualTo("""
                {
                  "format": "llmpolicy-budget-snapshot",
                  "version": 1,
                  "keys": [ {
                    "budget": "team-monthly",
                    "scope": [ "search" ],
                    "window": {
                      "type": "calendar",
                      "unit": "month",
                      "zone": "Europe/Berlin"
                    },
                    "last_seen_ms": 1795773600000,
                    "window_start_ms": 1793487600000,
                    "window_end_ms": 1796079600000,
                    "used": {
                      "tokens": 1000,
                      "nano_usd": 600000,
                      "requests": 1
                    },
                    "alerts_fired": [ {
                      "dimension": "nano_usd",
                      "threshold_bps": 5000,
                      "at_ms": 1795773600000
                    } ]
                  } ]
                }
                """);
    }

    @Test
    void restore_replacesExistingStateOfSnapshottedKeys(@TempDir Path dir) throws IOException {
        InMemoryBudgetStore store = new InMemoryBudgetStore();
        store.charge(TEAM, BERLIN_MONTH, Usage.ofRequest(5, 5), Limits.NONE, T0);
        Path file = dir.resolve("budgets.json");
        store.snapshot(file);
        Reservation inFlight = store.charge(TEAM, BERLIN_MONTH, Usage.ofRequest(100, 100), Limits.NONE, T0);

        store.restore(file);
        assertThat(store.usage(TEAM, BERLIN_MONTH, T0)).isEqualTo(new Usage(5, 5, 1));
        // A reservation made against the replaced state settles without corrupting the restored one.
        store.settle(inFlight, Usage.ofRequest(100, 100), T0);
        assertThat(store.usage(TEAM, BERLIN_MONTH, T0)).isEqualTo(new Usage(5, 5, 1));
    }

    @Test
    void restore_invalidSnapshot_isTypedErrorNamingTheField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"format": "llmpolicy-budget-snapshot", "version": 1, "keys": [
                  {"budget": "b", "scope": [], "window": {"type": "calendar", "unit": "day", "zone": "Mars/Olympus"},
                   "last_seen_ms": 0, "window_start_ms": 0, "window_end_ms": 1, "used": {"tokens": 0, "nano_usd": 0,
                   "requests": 0}}]}
                """);
        assertThatThrownBy(() -> new InMemoryBudgetStore().restore(file))
                .isInstanceOf(BudgetSnapshotException.class).hasMessageContaining("keys[0]")
                .hasMessageContaining("Mars/Olympus");

        Files.writeString(file, """
                {"format": "llmpolicy-budget-snapshot", "version": 1, "keys": [
                  {"budget": "b", "scope": [], "window": {"type": "calendar", "unit": "day", "zone": "UTC"},
                   "last_seen_ms": 0, "window_start_ms": 0, "window_end_ms": 1, "used": {"tokens": -3,
                   "nano_usd": 0, "requests": 0}}]}
                """);
        assertThatThrownBy(() -> new InMemoryBudgetStore().restore(file))
                .isInstanceOf(BudgetSnapshotException.class).hasMessageContaining("keys[0].used.tokens");

        Files.writeString(file, "{\"format\": \"something-else\"}");
        assertThatThrownBy(() -> new InMemoryBudgetStore().restore(file))
                .isInstanceOf(BudgetSnapshotException.class).hasMessageContaining("not a budget snapshot");
    }
}
