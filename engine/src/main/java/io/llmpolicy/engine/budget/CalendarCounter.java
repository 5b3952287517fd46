package io.llmpolicy.engine.budget;

/** Usage of one key in the current occurrence of a {@link CalendarWindow}. Guarded by the key's monitor. */
final class CalendarCounter extends WindowCounter {

    private final CalendarWindow window;
    private long start;
    private long end;

    CalendarCounter(CalendarWindow window, long now) {
        this.window = window;
        WindowSpan span = window.spanAt(now);
        this.start = span.startMillis();
        this.end = span.endMillis();
    }

    /** Restores a counter for the window {@code [start, end)}. */
    CalendarCounter(CalendarWindow window, long start, long end) {
        this.window = window;
        this.start = start;
        this.end = end;
    }

    @Override
    void advance(long now) {
        if (now >= end || now < start) {
            WindowSpan span = window.spanAt(now);
            start = span.startMillis();
            end = span.endMillis();
            used[0] = 0;
            used[1] = 0;
            used[2] = 0;
            alerts.clear();
        }
    }

    @Override
    long windowId() {
        return start;
    }

    @Override
    boolean isLive(long windowId) {
        return windowId == start;
    }

    @Override
    void add(long windowId, int dimension, long delta) {
        used[dimension] = apply(used[dimension], delta);
    }

    @Override
    boolean isIdleAt(long now) {
        return now >= end || (used[0] == 0 && used[1] == 0 && used[2] == 0 && alerts.size() == 0);
    }

    @Override
    boolean alertArmed(int dimension, int bps, long now) {
        return alerts.firedAt(dimension, bps) == Long.MIN_VALUE;
    }

    @Override
    long windowStartMillis() {
        return start;
    }

    long windowEndMillis() {
        return end;
    }
}
