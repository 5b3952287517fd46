package io.llmpolicy.engine.budget;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where budget usage lives. Implementations are thread-safe; every operation on one key is atomic.
 *
 * <p>Time is always passed in ({@code nowMillis}, epoch milliseconds); a store never reads the clock. A key's
 * time never runs backwards: an operation stamped earlier than one already applied to the same key is applied at
 * the later time (it counts in the current window, never in a closed one).
 *
 * <p>Limits are passed with each call and not stored: after a policy reload the new limits apply from the next
 * call, and usage already counted is kept.
 *
 * <p>Semantics (see {@code docs/budgets.md}):
 * <ul>
 *   <li>{@link #reserve} admits iff, for every limited dimension, usage + amount ≤ limit, and adds the amount in
 *       the same atomic step; so the sum of admitted reservations in a window never exceeds a limit.</li>
 *   <li>{@link #settle} changes usage by (actual − reserved) in the reservation's window. If that window has
 *       closed, a positive difference is counted in the current window and a negative one is dropped. Settlement
 *       may take usage over the limit: that is real spend and is recorded.</li>
 *   <li>{@link #release} takes the reservation back out of its window, if that window is still open.</li>
 * </ul>
 */
public interface BudgetStore {

    /**
     * Atomically checks that {@code amount} fits under {@code limits} in the window containing {@code nowMillis}
     * and, if it does, counts it. Fires alerts whose threshold the new usage reaches.
     */
    ReserveResult reserve(BudgetKey key, BudgetWindow window, Usage amount, Limits limits, long nowMillis);

    /**
     * Counts {@code amount} whether or not it fits: for budgets in monitor mode, whose excess is reported but not
     * enforced. {@link Reservation#overLimit()} says what {@link #reserve} would have refused.
     */
    Reservation charge(BudgetKey key, BudgetWindow window, Usage amount, Limits limits, long nowMillis);

    /**
     * Replaces the reserved amount by the actual usage. Returns false (and changes nothing) if the reservation
     * was already settled or released.
     */
    boolean settle(Reservation reservation, Usage actual, long nowMillis);

    /**
     * Removes a reservation whose request failed without being billed. Returns false if it was already settled
     * or released.
     */
    boolean release(Reservation reservation, long nowMillis);

    /** Usage counted for {@code key} in the window containing {@code nowMillis} (reservations in flight included). */
    Usage usage(BudgetKey key, BudgetWindow window, long nowMillis);

    /** Writes every key's current usage to {@code file} atomically; see {@code docs/budgets.md} for the format. */
    void snapshot(Path file) throws IOException;

    /** Loads a snapshot, replacing the state of every key it contains. */
    void restore(Path file) throws IOException;
}
