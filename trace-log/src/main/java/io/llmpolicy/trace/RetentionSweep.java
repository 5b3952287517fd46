package io.llmpolicy.trace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Deletes whole old cycle files per {@link Retention}. Chronicle never deletes cycle files itself.
 *
 * <p>Only a prefix of the cycles (the oldest ones) is ever deleted, and never the newest cycle that holds a
 * record, so the records left always form one contiguous chain with a head for the next append. Before a cycle
 * holding records is deleted, a {@code prune} checkpoint naming its last record is appended (and fsynced): that
 * is the anchor {@link TraceVerifier} starts from. Cycles are deleted oldest first, so a sweep interrupted by a
 * crash leaves a directory that still verifies.
 *
 * <p>Threading: {@link #sweep} is serialised within the process by this object's monitor and across processes
 * by an exclusive lock on {@code retention.lock} in the directory; a sweep that finds the lock taken returns
 * without deleting.
 */
final class RetentionSweep {

    static final String LOCK_FILE = "retention.lock";

    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private final QueueSupport.CycleFiles cycleFiles;
    private final CheckpointLog checkpoints;
    private final TraceConfig config;

    RetentionSweep(SingleChronicleQueue queue, QueueSupport.CycleFiles cycleFiles, CheckpointLog checkpoints,
                   TraceConfig config) {
        this.queue = queue;
        this.rollCycle = queue.rollCycle();
        this.cycleFiles = cycleFiles;
        this.checkpoints = checkpoints;
        this.config = config;
    }

    synchronized List<String> sweep() {
        Retention retention = config.retention();
        if (retention.keepsAll()) {
            return List.of();
        }
        Path lockFile = config.directory().resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException anotherWriterInThisJvm) {
                return List.of();
            }
            if (lock == null) {
                return List.of();
            }
            try (lock; ExcerptTailer tailer = queue.createTailer()) {
                return sweepLocked(retention, tailer);
            }
        } catch (IOException e) {
            throw new TraceException("retention sweep of " + config.directory() + " failed: " + e.getMessage(), e);
        }
    }

    private List<String> sweepLocked(Retention retention, ExcerptTailer tailer) throws IOException {
        List<Integer> cycles = cycleFiles.list();
        int newestWithRecords = -1;
        for (int i = cycles.size() - 1; i >= 0 && newestWithRecords < 0; i--) {
            if (tailer.excerptsInCycle(cycles.get(i)) > 0) {
                newestWithRecords = cycles.get(i);
            }
        }
        if (newestWithRecords < 0) {
            return List.of();
        }
        Instant now = config.clock().instant();
        List<Integer> doomed = new ArrayList<>();
        for (int i = 0; i < cycles.size(); i++) {
            int cycle = cycles.get(i);
            if (cycle >= newestWithRecords) {
                break;
            }
            boolean tooMany = retention.maxCycles() > 0 && cycles.size() - i > retention.maxCycles();
            boolean tooOld = retention.maxAge() != null
                    && !cycleEnd(cycle).plus(retention.maxAge()).isAfter(now);
            if (!tooMany && !tooOld) {
                break;
            }
            doomed.add(cycle);
        }
        // Anchors first, all of them, then deletions oldest first.
        Documents.Raw raw = new Documents.Raw();
        for (int cycle : doomed) {
            long count = tailer.excerptsInCycle(cycle);
            if (count > 0) {
                ChainLink last = TraceWriter.readLink(tailer, raw, rollCycle.toIndex(cycle, count - 1));
                Instant t = config.clock().instant();
                checkpoints.append(Checkpoint.of(Checkpoint.Kind.PRUNE, last, cycleFiles.fileName(cycle),
                        t.getEpochSecond() * 1_000_000_000L + t.getNano(), List.of(cycleFiles.fileName(cycle))),
                        true);
            }
        }
        List<String> deleted = new ArrayList<>();
        for (int cycle : doomed) {
            Files.deleteIfExists(cycleFiles.path(cycle));
            deleted.add(cycleFiles.fileName(cycle));
        }
        if (!deleted.isEmpty()) {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    private Instant cycleEnd(int cycle) {
        return Instant.ofEpochMilli(queue.epoch() + (cycle + 1L) * rollCycle.lengthInMillis());
    }
}
