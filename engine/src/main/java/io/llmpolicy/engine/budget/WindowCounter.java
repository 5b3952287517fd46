package io.llmpolicy.engine.budget;

import io.llmpolicy.engine.price.Money;

/**
 * Usage of one key in its current window, in the three dimensions. Not thread-safe: every method is called with
 * the owning {@link KeyState}'s monitor held.
 */
abstract sealed class WindowCounter permits CalendarCounter, RollingCounter {

    static final int DIMENSIONS = 3;

    /** Usage counted in the current window, per dimension. */
    final long[] used = new long[DIMENSIONS];
    final AlertLog alerts = new AlertLog();

    /** Moves to the window containing {@code now}; {@code now} never decreases between calls. */
    abstract void advance(long now);

    /** Identifies the current window (calendar: its start; rolling: the current bucket index). */
    abstract long windowId();

    /** Whether a window id taken earlier is still counted. */
    abstract boolean isLive(long windowId);

    /** Adds {@code delta} (negative for a refund) to a live window; usage never drops below zero. */
    abstract void add(long windowId, int dimension, long delta);

    /** Whether nothing would be counted at {@code now}: the state can be dropped without losing anything. */
    abstract boolean isIdleAt(long now);

    /** Whether the alert may fire now (not yet fired in this window). */
    abstract boolean alertArmed(int dimension, int bps, long now);

    /** Start of the current window, for alerts and reports (rolling: start of the oldest counted bucket). */
    abstract long windowStartMillis();

    final void addCurrent(int dimension, long delta) {
        add(windowId(), dimension, delta);
    }

    static long apply(long value, long delta) {
        return delta >= 0 ? Money.saturatingAdd(value, delta) : Math.max(0, value + delta);
    }
}
