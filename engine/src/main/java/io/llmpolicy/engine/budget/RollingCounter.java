package io.llmpolicy.engine.budget;

import java.util.Arrays;

/**
 * Usage of one key in a {@link RollingWindow}: a ring of {@code B + 1} buckets, each remembering its bucket index,
 * and a running total per dimension. Guarded by the key's monitor. Allocated once per key; no allocation after.
 */
final class RollingCounter extends WindowCounter {

    private static final long EMPTY = Long.MIN_VALUE;

    private final RollingWindow window;
    private final int slots;
    private final long durationMillis;
    /** Bucket index held by each slot, or {@link #EMPTY}. */
    private final long[] bucketIds;
    /** {@code amounts[slot * 3 + dimension]}. */
    private final long[] amounts;
    /** The current bucket index. */
    private long head;

    RollingCounter(RollingWindow window, long now) {
        this.window = window;
        this.slots = window.buckets() + 1;
        this.durationMillis = window.duration().toMillis();
        this.bucketIds = new long[slots];
        this.amounts = new long[slots * DIMENSIONS];
        Arrays.fill(bucketIds, EMPTY);
        this.head = window.bucketOf(now);
    }

    @Override
    void advance(long now) {
        long current = window.bucketOf(now);
        if (current <= head) {
            return;
        }
        long from = current - head > slots ? current - slots + 1 : head + 1;
        for (long b = from; b <= current; b++) {
            int slot = slot(b);
            if (bucketIds[slot] != EMPTY) {
                for (int d = 0; d < DIMENSIONS; d++) {
                    used[d] = Math.max(0, used[d] - amounts[slot * DIMENSIONS + d]);
                    amounts[slot * DIMENSIONS + d] = 0;
                }
                bucketIds[slot] = EMPTY;
            }
        }
        head = current;
    }

    @Override
    long windowId() {
        return head;
    }

    @Override
    boolean isLive(long bucket) {
        return head - bucket < slots && bucket <= head;
    }

    @Override
    void add(long bucket, int dimension, long delta) {
        int slot = slot(bucket);
        if (bucketIds[slot] != bucket) {
            if (delta < 0) {
                return; // nothing was counted in that bucket
            }
            bucketIds[slot] = bucket;
            amounts[slot * DIMENSIONS] = 0;
            amounts[slot * DIMENSIONS + 1] = 0;
            amounts[slot * DIMENSIONS + 2] = 0;
        }
        int i = slot * DIMENSIONS + dimension;
        long before = amounts[i];
        amounts[i] = apply(before, delta);
        used[dimension] = apply(used[dimension], amounts[i] - before);
    }

    @Override
    boolean isIdleAt(long now) {
        long current = window.bucketOf(now);
        for (int slot = 0; slot < slots; slot++) {
            if (bucketIds[slot] != EMPTY && current - bucketIds[slot] < slots) {
                return false;
            }
        }
        for (int i = 0; i < alerts.size(); i++) {
            if (now - alerts.firedAtIndex(i) < durationMillis) {
                return false;
            }
        }
        return true;
    }

    /** Fires at most once per window duration: armed again {@code D} after it last fired. */
    @Override
    boolean alertArmed(int dimension, int bps, long now) {
        long last = alerts.firedAt(dimension, bps);
        return last == Long.MIN_VALUE || now - last >= durationMillis;
    }

    @Override
    long windowStartMillis() {
        return (head - slots + 1) * window.bucketMillis();
    }

    long head() {
        return head;
    }

    /** Calls {@code visitor} for each non-empty live bucket, oldest first (for snapshots). */
    void forEachBucket(BucketVisitor visitor) {
        for (long b = head - slots + 1; b <= head; b++) {
            int slot = slot(b);
            if (bucketIds[slot] == b) {
                int i = slot * DIMENSIONS;
                visitor.visit(b, amounts[i], amounts[i + 1], amounts[i + 2]);
            }
        }
    }

    /** Restores one bucket; the bucket must be live. */
    void restoreBucket(long bucket, long tokens, long nanoUsd, long requests) {
        if (!isLive(bucket)) {
            return;
        }
        add(bucket, 0, tokens);
        add(bucket, 1, nanoUsd);
        add(bucket, 2, requests);
    }

    void restoreHead(long bucket) {
        head = bucket;
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) slots);
    }

    /** Receives one bucket of a snapshot. */
    interface BucketVisitor {
        void visit(long bucket, long tokens, long nanoUsd, long requests);
    }
}
