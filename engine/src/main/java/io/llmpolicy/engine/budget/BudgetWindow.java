package io.llmpolicy.engine.budget;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The period a budget's usage is counted over: a {@link CalendarWindow} (this day in Berlin, this month in UTC)
 * or a {@link RollingWindow} (the last hour). Immutable, thread-safe values; equal windows are interchangeable.
 */
public sealed interface BudgetWindow permits CalendarWindow, RollingWindow {

    /** A calendar window of {@code unit} in {@code zone}. */
    static CalendarWindow calendar(CalendarUnit unit, ZoneId zone) {
        return new CalendarWindow(unit, zone);
    }

    /** A rolling window of {@code duration} with {@value RollingWindow#DEFAULT_BUCKETS} buckets. */
    static RollingWindow rolling(Duration duration) {
        return new RollingWindow(duration, RollingWindow.DEFAULT_BUCKETS);
    }

    /** A rolling window of {@code duration} with {@code buckets} buckets. */
    static RollingWindow rolling(Duration duration, int buckets) {
        return new RollingWindow(duration, buckets);
    }
}
