package io.llmpolicy.engine.budget;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Usage reserved against a budget key at decide time, to be settled with the real usage or released. Thread-safe:
 * exactly one {@link BudgetStore#settle} or {@link BudgetStore#release} takes effect; later calls return false.
 */
public final class Reservation implements ReserveResult {

    private static final VarHandle DONE;

    static {
        try {
            DONE = MethodHandles.lookup().findVarHandle(Reservation.class, "done", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BudgetKey key;
    private final BudgetWindow window;
    private final Usage amount;
    private final Limits limits;
    private final Rejected overLimit;
    final KeyState state;
    final WindowCounter counter;
    final long windowId;
    @SuppressWarnings("unused") // accessed through DONE
    private volatile int done;

    Reservation(BudgetKey key, BudgetWindow window, Usage amount, Limits limits, Rejected overLimit,
                KeyState state, WindowCounter counter, long windowId) {
        this.key = key;
        this.window = window;
        this.amount = amount;
        this.limits = limits;
        this.overLimit = overLimit;
        this.state = state;
        this.counter = counter;
        this.windowId = windowId;
    }

    /** The counter this reservation was made against. */
    public BudgetKey key() {
        return key;
    }

    /** The window definition it was made under. */
    public BudgetWindow window() {
        return window;
    }

    /** What was reserved. */
    public Usage amount() {
        return amount;
    }

    /** The limits (and alert thresholds) in force when it was made; settlement checks alerts against them. */
    public Limits limits() {
        return limits;
    }

    /**
     * For a reservation made by {@link BudgetStore#charge} (monitor mode): what {@link BudgetStore#reserve} would
     * have refused, or null if it would have fitted. Always null for a reservation made by {@code reserve}.
     */
    public Rejected overLimit() {
        return overLimit;
    }

    /** Whether it has been settled or released. */
    public boolean isCompleted() {
        return done != 0;
    }

    /** Marks it completed; true for the one caller that did so. */
    boolean complete() {
        return DONE.compareAndSet(this, 0, 1);
    }

    @Override
    public String toString() {
        return "Reservation[" + key + ", " + amount + (isCompleted() ? ", completed]" : "]");
    }
}
