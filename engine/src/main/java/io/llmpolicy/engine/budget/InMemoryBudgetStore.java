package io.llmpolicy.engine.budget;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link BudgetStore}: usage in memory, persisted by {@link #snapshot}/{@link #restore}.
 * Thread-safe.
 *
 * <p>Concurrency. Keys live in a {@link ConcurrentHashMap}; a lookup of an existing key takes no lock. Each key's
 * state is guarded by its own monitor, so operations on one key are serialized (a budget counter is inherently a
 * serialization point) and operations on different keys never contend; there is no global lock. Check-and-add in
 * {@link #reserve} happens under the key's monitor, which makes it atomic: concurrent reservations never admit
 * more than the limit in total. Alert thresholds are checked under the same monitor and recorded as fired before
 * it is released, so two threads crossing a threshold together fire it once; listeners run after the monitor is
 * released.
 *
 * <p>Allocation. A key's state (for a rolling window, its bucket ring) is allocated on first use; after that a
 * reservation allocates only the {@link Reservation} it returns. Calendar window edges are computed once per
 * window, not per call.
 *
 * <p>Memory. A state is kept per key ever used, until {@link #evictIdle} drops those with nothing left to count.
 */
public final class InMemoryBudgetStore implements BudgetStore {

    private final ConcurrentHashMap<BudgetKey, KeyState> states = new ConcurrentHashMap<>();
    private final AlertListener listener;
    private final AtomicLong listenerFailures = new AtomicLong();

    /** A store without alert listener. */
    public InMemoryBudgetStore() {
        this(AlertListener.NONE);
    }

    /** A store that reports alerts to {@code listener}. */
    public InMemoryBudgetStore(AlertListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public ReserveResult reserve(BudgetKey key, BudgetWindow window, Usage amount, Limits limits, long nowMillis) {
        return admit(key, window, amount, limits, nowMillis, true);
    }

    @Override
    public Reservation charge(BudgetKey key, BudgetWindow window, Usage amount, Limits limits, long nowMillis) {
        return (Reservation) admit(key, window, amount, limits, nowMillis, false);
    }

    private ReserveResult admit(BudgetKey key, BudgetWindow window, Usage amount, Limits limits, long nowMillis,
                                boolean enforce) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(limits, "limits");
        KeyState state = stateOf(key);
        List<BudgetAlert> alerts = null;
        ReserveResult result = null;
        while (result == null) {
            synchronized (state) {
                if (!state.retired) {
                    long now = state.clamp(nowMillis);
                    state.align(window, now);
                    WindowCounter counter = state.counter;
                    Rejected over = firstOver(key, counter, amount, limits);
                    if (over != null && enforce) {
                        return over;
                    }
                    long windowId = counter.windowId();
                    for (int d = 0; d < WindowCounter.DIMENSIONS; d++) {
                        long before = counter.used[d];
                        counter.add(windowId, d, amount.get(d));
                        alerts = checkAlerts(key, counter, limits, d, before, now, alerts);
                    }
                    result = new Reservation(key, window, amount, limits, over, state, counter, windowId);
                }
            }
            if (result == null) {
                state = stateOf(key); // looked up outside the monitor: map locks are never taken while holding one
            }
        }
        dispatch(alerts);
        return result;
    }

    private static Rejected firstOver(BudgetKey key, WindowCounter counter, Usage amount, Limits limits) {
        for (int d = 0; d < WindowCounter.DIMENSIONS; d++) {
            long limit = limits.get(d);
            if (limit == Limits.UNLIMITED) {
                continue;
            }
            long used = counter.used[d];
            long requested = amount.get(d);
            if (requested > limit - used) { // used + requested > limit, without overflow (used may exceed limit)
                return new Rejected(key, BudgetDimension.of(d), used, requested, limit);
            }
        }
        return null;
    }

    @Override
    public boolean settle(Reservation reservation, Usage actual, long nowMillis) {
        Objects.requireNonNull(actual, "actual");
        return complete(reservation, actual, nowMillis);
    }

    @Override
    public boolean release(Reservation reservation, long nowMillis) {
        return complete(reservation, null, nowMillis);
    }

    /** Settles ({@code actual != null}) or releases a reservation. */
    private boolean complete(Reservation r, Usage actual, long nowMillis) {
        Objects.requireNonNull(r, "reservation");
        if (!r.complete()) {
            return false;
        }
        KeyState state = r.state;
        List<BudgetAlert> alerts = null;
        boolean applied = false;
        while (!applied) {
            synchronized (state) {
                if (!state.retired) {
                    long now = state.clamp(nowMillis);
                    if (state.counter == null) {
                        state.align(r.window(), now); // fresh state after eviction: nothing of r is counted here
                    } else {
                        state.counter.advance(now);
                    }
                    WindowCounter counter = state.counter;
                    boolean live = state == r.state && counter == r.counter && counter.isLive(r.windowId);
                    for (int d = 0; d < WindowCounter.DIMENSIONS; d++) {
                        long delta = (actual == null ? 0 : actual.get(d)) - r.amount().get(d);
                        if (delta == 0 || (!live && delta < 0)) {
                            continue; // a refund for a closed window is dropped: that window keeps what was reserved
                        }
                        long before = counter.used[d];
                        counter.add(live ? r.windowId : counter.windowId(), d, delta);
                        if (delta > 0) {
                            alerts = checkAlerts(r.key(), counter, r.limits(), d, before, now, alerts);
                        }
                    }
                    applied = true;
                }
            }
            if (!applied) {
                state = stateOf(r.key());
            }
        }
        dispatch(alerts);
        return true;
    }

    @Override
    public Usage usage(BudgetKey key, BudgetWindow window, long nowMillis) {
        KeyState state = states.get(key);
        if (state == null) {
            return Usage.ZERO;
        }
        synchronized (state) {
            if (state.retired) {
                return Usage.ZERO;
            }
            long now = state.clamp(nowMillis);
            state.align(window, now);
            long[] used = state.counter.used;
            return new Usage(used[0], used[1], used[2]);
        }
    }

    /** Number of keys held. */
    public int size() {
        return states.size();
    }

    /**
     * Drops the state of every key with nothing left to count at {@code nowMillis} (its calendar window has
     * ended, or every rolling bucket has expired, and no alert is still remembered for the window). Safe to call
     * concurrently with other operations. Returns how many keys were dropped.
     */
    public int evictIdle(long nowMillis) {
        int evicted = 0;
        for (KeyState state : states.values()) {
            boolean idle;
            synchronized (state) {
                idle = !state.retired && state.counter != null && nowMillis >= state.lastNow
                        && state.counter.isIdleAt(nowMillis);
                if (idle) {
                    state.retired = true;
                }
            }
            if (idle) {
                states.remove(state.key, state);
                evicted++;
            }
        }
        return evicted;
    }

    /** How many times the alert listener threw. */
    public long alertListenerFailures() {
        return listenerFailures.get();
    }

    @Override
    public void snapshot(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                snapshot(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the snapshot to a stream (see {@link #snapshot(Path)}). */
    public void snapshot(OutputStream out) throws IOException {
        List<SnapshotCodec.Entry> entries = new ArrayList<>();
        for (KeyState state : states.values()) {
            synchronized (state) {
                if (!state.retired && state.counter != null) {
                    entries.add(SnapshotCodec.capture(state));
                }
            }
        }
        SnapshotCodec.write(entries, out);
    }

    @Override
    public void restore(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            restore(in, file.toString());
        }
    }

    /** Loads a snapshot from a stream; {@code origin} names it in error messages. */
    public void restore(InputStream in, String origin) throws IOException {
        for (KeyState restored : SnapshotCodec.read(in, origin)) {
            // Retire the replaced state while the map bin is locked, so no operation lands on it afterwards.
            states.compute(restored.key, (key, previous) -> {
                if (previous != null) {
                    synchronized (previous) {
                        previous.retired = true;
                    }
                }
                return restored;
            });
        }
    }

    /**
     * The live state of {@code key}, created on first use. Never called while holding a state's monitor: the only
     * nesting of locks is map bin, then state monitor ({@link #restore}), so there is no lock-order cycle.
     */
    private KeyState stateOf(BudgetKey key) {
        Objects.requireNonNull(key, "key");
        KeyState state = states.get(key);
        if (state != null && !state.retired) {
            return state;
        }
        if (state != null) {
            states.remove(key, state); // help an eviction that marked it but has not removed it yet
        }
        return states.computeIfAbsent(key, KeyState::new);
    }

    /**
     * Records and returns the alerts of dimension {@code d} that the change from {@code before} to the counter's
     * current usage reached. Called with the key's monitor held, which makes "reached and not yet fired" atomic.
     */
    private static List<BudgetAlert> checkAlerts(BudgetKey key, WindowCounter counter, Limits limits, int d,
                                                 long before, long now, List<BudgetAlert> out) {
        long limit = limits.get(d);
        long after = counter.used[d];
        if (limit == Limits.UNLIMITED || after <= before || limits.alertCount() == 0) {
            return out;
        }
        for (int i = 0; i < limits.alertCount(); i++) {
            int bps = limits.alertBps(i);
            if (after >= Limits.thresholdAmount(limit, bps) && counter.alertArmed(d, bps, now)) {
                counter.alerts.record(d, bps, now);
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(new BudgetAlert(key, BudgetDimension.of(d), bps, after, limit, counter.windowStartMillis(),
                        now));
            }
        }
        return out;
    }

    private void dispatch(List<BudgetAlert> alerts) {
        if (alerts == null) {
            return;
        }
        for (BudgetAlert alert : alerts) {
            try {
                listener.onAlert(alert);
            } catch (RuntimeException e) {
                listenerFailures.incrementAndGet();
            }
        }
    }
}
