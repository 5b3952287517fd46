package io.llmpolicy.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetAlertTest {

    private static final BudgetWindow DAY = BudgetWindow.calendar(CalendarUnit.DAY, ZoneOffset.UTC);
    private static final BudgetKey KEY = BudgetKey.of("team-daily", "search");
    private static final long T0 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final Limits COST_100 = Limits.of(Limits.UNLIMITED, 100, Limits.UNLIMITED).withAlerts(8_000, 9_500);

    private final List<BudgetAlert> alerts = new ArrayList<>();
    private final InMemoryBudgetStore store = new InMemoryBudgetStore(alerts::add);

    @Test
    void threshold_firesOncePerWindow() {
        store.reserve(KEY, DAY, Usage.ofRequest(0, 79), COST_100, T0);
        assertThat(alerts).isEmpty();
        store.reserve(KEY, DAY, Usage.ofRequest(0, 1), COST_100, T0);
        assertThat(alerts).containsExactly(new BudgetAlert(KEY, BudgetDimension.COST, 8_000, 80, 100,
                Instant.parse("2026-11-27T00:00:00Z").toEpochMilli(), T0));
        store.reserve(KEY, DAY, Usage.ofRequest(0, 1), COST_100, T0);
        assertThat(alerts).hasSize(1);

        long tomorrow = T0 + Duration.ofDays(1).toMillis();
        store.reserve(KEY, DAY, Usage.ofRequest(0, 85), COST_100, tomorrow);
        assertThat(alerts).extracting(BudgetAlert::thresholdBps).containsExactly(8_000, 8_000);
    }

    @Test
    void oneOperation_crossingTwoThresholds_firesBoth() {
        store.reserve(KEY, DAY, Usage.ofRequest(0, 96), COST_100, T0);
        assertThat(alerts).extracting(BudgetAlert::thresholdBps).containsExactly(8_000, 9_500);
    }

    @Test
    void settlementOverage_firesAlert() {
        Reservation r = (Reservation) store.reserve(KEY, DAY, Usage.ofRequest(0, 50), COST_100, T0);
        store.settle(r, Usage.ofRequest(0, 120), T0);
        assertThat(alerts).extracting(BudgetAlert::thresholdBps).containsExactly(8_000, 9_500);
        assertThat(alerts.get(1).used()).isEqualTo(120);
    }

    @Test
    void loweredLimit_usageAlreadyAbove_firesOnNextCountedOperation() {
        Limits generous = Limits.of(Limits.UNLIMITED, 1_000, Limits.UNLIMITED).withAlerts(8_000);
        store.reserve(KEY, DAY, Usage.ofRequest(0, 90), generous, T0);
        assertThat(alerts).isEmpty();
        store.charge(KEY, DAY, Usage.ofRequest(0, 1), COST_100, T0);
        assertThat(alerts).extracting(BudgetAlert::thresholdBps).containsExactly(8_000);
    }

    @Test
    void rolling_threshold_firesAgainOnlyAfterOneDuration() {
        RollingWindow hour = BudgetWindow.rolling(Duration.ofHours(1));
        Limits tenRequests = Limits.of(Limits.UNLIMITED, Limits.UNLIMITED, 10).withAlerts(8_000);
        for (int i = 0; i < 8; i++) {
            store.charge(KEY, hour, Usage.ofRequest(0, 0), tenRequests, T0);
        }
        assertThat(alerts).hasSize(1);
        // Still at 80 % half an hour later: no repeat.
        store.charge(KEY, hour, Usage.ofRequest(0, 0), tenRequests, T0 + Duration.ofMinutes(30).toMillis());
        assertThat(alerts).hasSize(1);
        // One window later, usage reaches 80 % again: it fires again.
        long later = T0 + Duration.ofMinutes(62).toMillis();
        for (int i = 0; i < 8; i++) {
            store.charge(KEY, hour, Usage.ofRequest(0, 0), tenRequests, later);
        }
        assertThat(alerts).hasSize(2);
    }

    @Test
    void throwingListener_isCountedAndNeverFailsTheRequest() {
        InMemoryBudgetStore failing = new InMemoryBudgetStore(alert -> {
            throw new IllegalStateException("webhook down");
        });
        assertThat(failing.reserve(KEY, DAY, Usage.ofRequest(0, 99), COST_100, T0)).isInstanceOf(Reservation.class);
        assertThat(failing.alertListenerFailures()).isEqualTo(2);
        assertThat(failing.usage(KEY, DAY, T0).nanoUsd()).isEqualTo(99);
    }

    @Test
    void unlimitedDimension_neverAlerts() {
        Limits unlimited = Limits.NONE.withAlerts(1);
        store.charge(KEY, DAY, Usage.ofRequest(1_000_000, 1_000_000), unlimited, T0);
        assertThat(alerts).isEmpty();
    }
}
