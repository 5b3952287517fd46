package io.llmpolicy.trace;

/**
 * What a completed {@link TraceWriter#append} survives. Every mode survives the writing process being killed
 * (records live in memory-mapped files owned by the kernel); only syncing survives power loss or a kernel crash.
 * See docs/trace-schema.md, "Crash guarantees".
 */
public enum Durability {
    /** Records reach the OS page cache; the kernel writes them back on its own schedule (the default). */
    PAGE_CACHE,
    /**
     * Before each periodic checkpoint is written, the queue file is synced (msync MS_SYNC) up to that record and
     * the checkpoint file is fsynced: a power loss loses at most the records after the last checkpoint.
     */
    SYNC_AT_CHECKPOINT,
    /** Every append syncs the queue file up to its record before returning: slow (one disk flush per record). */
    SYNC_EVERY_RECORD
}
