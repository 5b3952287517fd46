package io.llmpolicy.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmpolicy.engine.price.ModelPrice;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryBudgetStoreTest {

    private static final BudgetWindow DAY_UTC = BudgetWindow.calendar(CalendarUnit.DAY, ZoneOffset.UTC);
    private static final BudgetKey TEAM = BudgetKey.of("team-daily", "search");
    private static final long T0 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();

    private final InMemoryBudgetStore store = new InMemoryBudgetStore();

    @Test
    void reserve_fitsUntilLimit_thenRejectsWithDetails() {
        Limits limits = Limits.of(1000, Limits.UNLIMITED, Limits.UNLIMITED);
        assertThat(store.reserve(TEAM, DAY_UTC, Usage.ofRequest(600, 5), limits, T0)).isInstanceOf(Reservation.class);
        assertThat(store.reserve(TEAM, DAY_UTC, Usage.ofRequest(400, 5), limits, T0)).isInstanceOf(Reservation.class);
        ReserveResult third = store.reserve(TEAM, DAY_UTC, Usage.ofRequest(1, 5), limits, T0);

        assertThat(third).isEqualTo(new Rejected(TEAM, BudgetDimension.TOKENS, 1000, 1, 1000));
        assertThat(store.usage(TEAM, DAY_UTC, T0)).isEqualTo(new Usage(1000, 10, 2));
    }

    @Test
    void reserve_everyLimitedDimensionIsChecked() {
        Limits limits = Limits.of(Limits.UNLIMITED, 1_000, 2);
        store.reserve(TEAM, DAY_UTC, Usage.ofRequest(10, 900), limits, T0);
        assertThat(store.reserve(TEAM, DAY_UTC, Usage.ofRequest(10, 101), limits, T0))
                .isEqualTo(new Rejected(TEAM, BudgetDimension.COST, 900, 101, 1_000));
        store.reserve(TEAM, DAY_UTC, Usage.ofRequest(10, 100), limits, T0);
        assertThat(store.reserve(TEAM, DAY_UTC, Usage.ofRequest(0, 0), limits, T0))
                .isEqualTo(new Rejected(TEAM, BudgetDimension.REQUESTS, 2, 1, 2));
    }

    @Test
    void reserve_requestLargerThanWholeLimit_isRejectedOnEmptyBudget() {
        assertThat(store.reserve(TEAM, DAY_UTC, Usage.ofRequest(2_000, 0), Limits.of(1_000, Limits.UNLIMITED,
                Limits.UNLIMITED), T0)).isInstanceOf(Rejected.class);
        assertThat(store.reserve(TEAM, DAY_UTC, Usage.ofRequest(0, 0), Limits.of(0, 0, 0), T0))
                .isEqualTo(new Rejected(TEAM, BudgetDimension.REQUESTS, 0, 1, 0));
        assertThat(store.usage(TEAM, DAY_UTC, T0)).isEqualTo(Usage.ZERO);
    }

    @Test
    void settle_replacesReservedByActual() {
        Limits limits = Limits.of(1_000, 10_000, Limits.UNLIMITED);
        Reservation r = (Reservation) store.reserve(TEAM, DAY_UTC, Usage.ofRequest(600, 6_000), limits, T0);

        assertThat(store.settle(r, Usage.ofRequest(250, 1_700), T0 + 1_000)).isTrue();
        assertThat(store.usage(TEAM, DAY_UTC, T0 + 1_000)).isEqualTo(new Usage(250, 1_700, 1));
        assertThat(store.settle(r, Usage.ofRequest(1, 1), T0 + 2_000)).isFalse();
        assertThat(store.release(r, T0 + 2_000)).isFalse();
        assertThat(store.usage(TEAM, DAY_UTC, T0 + 2_000)).isEqualTo(new Usage(250, 1_700, 1));
    }

    @Test
    void settle_overReservation_isRecordedEvenOverLimit_andBlocksFurtherReservations() {
        Limits limits = Limits.of(1_000, Limits.UNLIMITED, Limits.UNLIMITED);
        Reservation r = (Reservation) store.reserve(TEAM, DAY_UTC, Usage.ofRequest(900, 0), limits, T0);
        store.settle(r, Usage.ofRequest(1_150, 0), T0);

        assertThat(store.usage(TEAM, DAY_UTC, T0).tokens()).isEqualTo(1_150);
        assertThat(store.reserve(TEAM, DAY_UTC, Usage.ofRequest(0, 0), limits, T0))
                .isEqualTo(new Rejected(TEAM, BudgetDimension.TOKENS, 1_150, 0, 1_000));
    }

    @Test
    void release_removesReservation_once() {
        Limits limits = Limits.of(1_000, Limits.UNLIMITED, 10);
        Reservation kept = (Reservation) store.reserve(TEAM, DAY_UTC, Usage.ofRequest(300, 30), limits, T0);
        Reservation failed = (Reservation) store.reserve(TEAM, DAY_UTC, Usage.ofRequest(500, 50), limits, T0);

        assertThat(store.release(failed, T0)).isTrue();
        assertThat(store.release(failed, T0)).isFalse();
        assertThat(store.settle(failed, Usage.ofRequest(500, 50), T0)).isFalse();
        assertThat(store.usage(TEAM, DAY_UTC, T0)).isEqualTo(new Usage(300, 30, 1));
        assertThat(kept.isCompleted()).isFalse();
        assertThat(failed.isCompleted()).isTrue();
    }

    @Test
    void settle_afterWindowClosed_chargesOnlyOverageToCurrentWindow() {
        long lateEvening = Instant.parse("2026-11-27T23:59:59Z").toEpochMilli();
        long nextMorning = Instant.parse("2026-11-28T00:00:05Z").toEpochMilli();
        Limits limits = Limits.of(10_000, Limits.UNLIMITED, Limits.UNLIMITED);
        Reservation under = (Reservation) store.reserve(TEAM, DAY_UTC, Usage.ofRequest(1_000, 0), limits,
                lateEvening);
        Reservation over = (Reservation) store.reserve(TEAM, DAY_UTC, Usage.ofRequest(1_000, 0), limits, lateEvening);

        store.settle(under, Usage.ofRequest(400, 0), nextMorning); // refund for a closed window: dropped
        assertThat(store.usage(TEAM, DAY_UTC, nextMorning)).isEqualTo(Usage.ZERO);
        store.settle(over, Usage.ofRequest(1_300, 0), nextMorning); // 300 of real spend not yet counted anywhere
        assertThat(store.usage(TEAM, DAY_UTC, nextMorning)).isEqualTo(new Usage(300, 0, 0));
    }

    @Test
    void release_afterWindowClosed_changesNothing() {
        long lateEvening = Instant.parse("2026-11-27T23:59:59Z").toEpochMilli();
        Reservation r = (Reservation) store.reserve(TEAM, DAY_UTC, Usage.ofRequest(1_000, 9), Limits.NONE,
                lateEvening);
        assertThat(store.release(r, lateEvening + 2_000)).isTrue();
        assertThat(store.usage(TEAM, DAY_UTC, lateEvening + 2_000)).isEqualTo(Usage.ZERO);
    }

    @Test
    void window_resetsAtLocalMidnight() {
        BudgetWindow berlinDay = BudgetWindow.calendar(CalendarUnit.DAY, ZoneId.of("Europe/Berlin"));
        long beforeMidnight = Instant.parse("2026-11-27T22:59:59.999Z").toEpochMilli(); // 23:59:59.999 CET
        store.charge(TEAM, berlinDay, Usage.ofRequest(100, 100), Limits.NONE, beforeMidnight);

        assertThat(store.usage(TEAM, berlinDay, beforeMidnight).tokens()).isEqualTo(100);
        assertThat(store.usage(TEAM, berlinDay, beforeMidnight + 1)).isEqualTo(Usage.ZERO);
    }

    @Test
    void changedLimit_keepsCountedSpend_appliesFromNextCheck() {
        store.reserve(TEAM, DAY_UTC, Usage.ofRequest(800, 0), Limits.of(1_000, Limits.UNLIMITED, Limits.UNLIMITED),
                T0);
        Limits lowered = Limits.of(500, Limits.UNLIMITED, Limits.UNLIMITED);
        assertThat(store.reserve(TEAM, DAY_UTC, Usage.ofRequest(1, 0), lowered, T0))
                .isEqualTo(new Rejected(TEAM, BudgetDimension.TOKENS, 800, 1, 500));
        Limits raised = Limits.of(2_000, Limits.UNLIMITED, Limits.UNLIMITED);
        assertThat(store.reserve(TEAM, DAY_UTC, Usage.ofRequest(1_200, 0), raised, T0))
                .isInstanceOf(Reservation.class);
        assertThat(store.usage(TEAM, DAY_UTC, T0).tokens()).isEqualTo(2_000);
    }

    @Test
    void changedWindowDefinition_carriesCountedSpendIntoNewWindow() {
        store.charge(TEAM, DAY_UTC, Usage.ofRequest(700, 70), Limits.NONE, T0);
        BudgetWindow hourly = BudgetWindow.calendar(CalendarUnit.HOUR, ZoneOffset.UTC);

        assertThat(store.usage(TEAM, hourly, T0)).isEqualTo(new Usage(700, 70, 1));
        assertThat(store.usage(TEAM, hourly, T0 + Duration.ofHours(1).toMillis())).isEqualTo(Usage.ZERO);
    }

    @Test
    void charge_countsOverLimit_andReportsWhatReserveWouldRefuse() {
        Limits limits = Limits.of(100, Limits.UNLIMITED, Limits.UNLIMITED);
        Reservation fits = store.charge(TEAM, DAY_UTC, Usage.ofRequest(80, 0), limits, T0);
        Reservation over = store.charge(TEAM, DAY_UTC, Usage.ofRequest(80, 0), limits, T0);

        assertThat(fits.overLimit()).isNull();
        assertThat(over.overLimit()).isEqualTo(new Rejected(TEAM, BudgetDimension.TOKENS, 80, 80, 100));
        assertThat(store.usage(TEAM, DAY_UTC, T0).tokens()).isEqualTo(160);
    }

    @Test
    void timeRunningBackwards_countsInCurrentWindow() {
        long tomorrow = T0 + Duration.ofDays(1).toMillis();
        store.charge(TEAM, DAY_UTC, Usage.ofRequest(10, 0), Limits.NONE, tomorrow);
        store.charge(TEAM, DAY_UTC, Usage.ofRequest(5, 0), Limits.NONE, T0); // stamped earlier: no reopening

        assertThat(store.usage(TEAM, DAY_UTC, tomorrow).tokens()).isEqualTo(15);
    }

    @Test
    void keys_areIndependent() {
        BudgetKey other = BudgetKey.of("team-daily", "ads");
        store.charge(TEAM, DAY_UTC, Usage.ofRequest(10, 0), Limits.NONE, T0);
        assertThat(store.usage(other, DAY_UTC, T0)).isEqualTo(Usage.ZERO);
        assertThat(BudgetKey.of("team-daily", "search")).isEqualTo(TEAM).hasSameHashCodeAs(TEAM);
        assertThat(BudgetKey.of("a", "b", "c")).isNotEqualTo(BudgetKey.of("a", "bc"));
        assertThat(TEAM).hasToString("team-daily[search]");
    }

    @Test
    void evictIdle_dropsFinishedWindows_andStaleReservationsStillSettleSafely() {
        long lateEvening = Instant.parse("2026-11-27T23:59:00Z").toEpochMilli();
        Reservation r = (Reservation) store.reserve(TEAM, DAY_UTC, Usage.ofRequest(100, 0), Limits.NONE, lateEvening);
        long nextDay = lateEvening + Duration.ofMinutes(2).toMillis();

        assertThat(store.evictIdle(lateEvening)).isZero();
        assertThat(store.evictIdle(nextDay)).isEqualTo(1);
        assertThat(store.size()).isZero();
        store.settle(r, Usage.ofRequest(150, 0), nextDay);
        assertThat(store.usage(TEAM, DAY_UTC, nextDay).tokens()).isEqualTo(50);
    }

    @Test
    void invalidArguments_areTypedErrors() {
        assertThatThrownBy(() -> new Usage(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens=-1");
        assertThatThrownBy(() -> Limits.of(-5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Limits.NONE.withAlerts(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basis points");
        assertThatThrownBy(() -> BudgetKey.of("b", (String) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("budget 'b'");
        assertThatThrownBy(() -> BudgetWindow.rolling(Duration.ofMillis(10), 60))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usageFromPrices_reservesFullInputPrice_settlesPerKind() {
        ModelPrice gpt4o = new ModelPrice(2_500_000, 1_250_000, 10_000_000, 128_000, 16_384);
        Usage reserved = Usage.reservation(gpt4o, 374, 512);
        // 374 x 2.5 micro + 512 x 10 micro = 935_000 + 5_120_000 nano
        assertThat(reserved).isEqualTo(new Usage(886, 6_055_000, 1));
        Usage actual = Usage.actual(gpt4o, 300, 74, 44);
        assertThat(actual).isEqualTo(new Usage(418, 1_282_500, 1));

        Reservation r = (Reservation) store.reserve(TEAM, DAY_UTC, reserved, Limits.NONE, T0);
        store.settle(r, actual, T0);
        assertThat(store.usage(TEAM, DAY_UTC, T0)).isEqualTo(actual);
    }

    @Test
    void thresholdAmount_isExactCeiling() {
        assertThat(Limits.thresholdAmount(1_000, 8_000)).isEqualTo(800);
        assertThat(Limits.thresholdAmount(1_001, 8_000)).isEqualTo(801); // 800.8 -> 801
        assertThat(Limits.thresholdAmount(3, 5_000)).isEqualTo(2);       // 1.5 -> 2
        assertThat(Limits.thresholdAmount(Long.MAX_VALUE - 1, 10_000)).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(Limits.thresholdAmount(Long.MAX_VALUE - 1, 100_000)).isEqualTo(Long.MAX_VALUE);
    }
}
