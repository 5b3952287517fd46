package io.llmpolicy.engine.budget;

/**
 * Everything the store keeps for one {@link BudgetKey}. Its monitor guards every field and the counter: all
 * operations on one key are serialized, operations on different keys never contend.
 */
final class KeyState {

    final BudgetKey key;
    BudgetWindow window;
    WindowCounter counter;
    /** Latest time seen: a key's clock never runs backwards. */
    long lastNow = Long.MIN_VALUE;
    /**
     * Set (under the monitor) when the store dropped this state; operations holding a stale reference look the key
     * up again. Volatile so that a lookup outside the monitor can skip a dropped state.
     */
    volatile boolean retired;

    KeyState(BudgetKey key) {
        this.key = key;
    }

    /** The time to use for an operation at {@code now}: never earlier than any earlier operation's. */
    long clamp(long now) {
        if (now > lastNow) {
            lastNow = now;
        }
        return lastNow;
    }

    /**
     * Makes the counter follow {@code requested} and the window containing {@code now}. When the window
     * definition changed (a policy reload), the usage counted under the old definition is carried into the new
     * definition's current window, so a reload never forgets spend.
     */
    void align(BudgetWindow requested, long now) {
        if (counter == null) {
            window = requested;
            counter = newCounter(requested, now);
            return;
        }
        if (window != requested && !window.equals(requested)) {
            counter.advance(now);
            WindowCounter fresh = newCounter(requested, now);
            for (int d = 0; d < WindowCounter.DIMENSIONS; d++) {
                fresh.addCurrent(d, counter.used[d]);
            }
            window = requested;
            counter = fresh;
            return;
        }
        counter.advance(now);
    }

    static WindowCounter newCounter(BudgetWindow window, long now) {
        return switch (window) {
            case CalendarWindow calendar -> new CalendarCounter(calendar, now);
            case RollingWindow rolling -> new RollingCounter(rolling, now);
        };
    }
}
