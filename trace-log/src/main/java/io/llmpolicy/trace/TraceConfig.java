package io.llmpolicy.trace;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How a {@link TraceWriter} writes. Build with {@link #builder(Path)}; immutable and thread-safe.
 *
 * @param directory       the trace directory (a Chronicle Queue directory plus {@code checkpoints.jsonl})
 * @param rollCycle       how often a new cycle file starts
 * @param checkpointEvery write a checkpoint after every N-th record (by sequence); 0 for roll and close only
 * @param signingKey      Ed25519 key pair that signs checkpoints, or null for unsigned checkpoints
 * @param durability      what an append survives
 * @param retention       which old cycles to delete
 * @param lockTimeout     how long a writer waits for the queue's cross-process write lock before checking whether
 *                        the holder died (then the lock is taken over) or failing
 * @param clock           time source for cycle selection, checkpoint times and retention ages
 * @param pretouch        keep the pages ahead of the write position resident from a background thread, so that
 *                        appends do not wait for fresh pages of the memory-mapped file ({@link PageToucher})
 */
public record TraceConfig(Path directory, TraceRollCycle rollCycle, int checkpointEvery, KeyPair signingKey,
                          Durability durability, Retention retention, Duration lockTimeout, InstantSource clock,
                          boolean pretouch) {

    public static final int DEFAULT_CHECKPOINT_EVERY = 10_000;

    public TraceConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(rollCycle, "rollCycle");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(clock, "clock");
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpointEvery must be >= 0, got " + checkpointEvery);
        }
        if (lockTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("lockTimeout must be at least 1 ms, got " + lockTimeout);
        }
        if (signingKey != null && !"Ed25519".equals(signingKey.getPrivate().getAlgorithm())
                && !"EdDSA".equals(signingKey.getPrivate().getAlgorithm())) {
            throw new IllegalArgumentException("checkpoint signing key must be Ed25519, got "
                    + signingKey.getPrivate().getAlgorithm());
        }
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** Mutable builder with the defaults: daily cycles, a checkpoint every 10,000 records, page-cache
     * durability, keep everything, 10 s lock timeout, system clock, no signing key, pretouch on. Not thread-safe. */
    public static final class Builder {
        private final Path directory;
        private TraceRollCycle rollCycle = TraceRollCycle.DAILY;
        private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
        private KeyPair signingKey;
        private Durability durability = Durability.PAGE_CACHE;
        private Retention retention = Retention.KEEP_ALL;
        private Duration lockTimeout = Duration.ofSeconds(10);
        private InstantSource clock = InstantSource.system();
        private boolean pretouch = true;

        private Builder(Path directory) {
            this.directory = directory;
        }

        public Builder rollCycle(TraceRollCycle v) { rollCycle = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder signingKey(KeyPair v) { signingKey = v; return this; }
        public Builder durability(Durability v) { durability = v; return this; }
        public Builder retention(Retention v) { retention = v; return this; }
        public Builder lockTimeout(Duration v) { lockTimeout = v; return this; }
        public Builder clock(InstantSource v) { clock = v; return this; }
        public Builder pretouch(boolean v) { pretouch = v; return this; }

        public TraceConfig build() {
            return new TraceConfig(directory, rollCycle, checkpointEvery, signingKey, durability, retention,
                    lockTimeout, clock, pretouch);
        }
    }
}
