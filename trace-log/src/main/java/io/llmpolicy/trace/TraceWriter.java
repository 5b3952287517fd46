package io.llmpolicy.trace;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appends {@link TraceRecord}s to a trace directory: a Chronicle Queue (binary wire, one document per record)
 * whose records form a SHA-256 hash chain, plus an append-only checkpoint file.
 *
 * <h2>Design note: where the previous hash comes from</h2>
 * Several threads and several processes may append to one directory. Chronicle serialises all appenders of a
 * queue, across threads and processes, with one write lock kept in the queue's shared {@code metadata.cq4t}
 * (a compare-and-swap on a memory-mapped word, so it also orders memory). The lock is taken by
 * {@code writingDocument()} and released when the document closes; the document's queue index is fixed once
 * the lock is held, and records become visible in exactly the order the lock was held. So the chain is built
 * entirely inside that critical section:
 * <ol>
 *   <li>Outside the lock, the record body is encoded and absorbed into the SHA-256 state (the expensive part,
 *       see {@link ChainHash}).</li>
 *   <li>Inside the lock, {@code dc.index()} is the index this record will have. Its predecessor in the queue is
 *       the excerpt at {@code index - 1} when the record is not the first of its cycle, otherwise the last
 *       excerpt of the newest earlier cycle that has one (none: the genesis link).</li>
 *   <li>The predecessor's sequence and chain hash come from an in-process cache, the <em>head</em>: the link
 *       this process committed last. It is used only when its index is exactly {@code index - 1} in the same
 *       cycle; committed excerpts are never rewritten, so an index match proves it is the predecessor. When
 *       another process wrote in between, or at a cycle boundary, or after a restart, the predecessor is read
 *       from the queue itself with a tailer. Reading the queue is what makes the chain correct across
 *       processes, and why a crashed writer cannot break it: its unfinished excerpt never became visible and
 *       the next writer overwrites it at the same index.</li>
 *   <li>The link hash {@code SHA-256(body || seq || prev)} is finished, the document written, the head
 *       updated, and the document closed (which releases the lock).</li>
 * </ol>
 * Checkpoints (signing costs tens of microseconds) and retention sweeps run after the lock is released.
 *
 * <h2>Threading</h2>
 * {@link #append} is thread-safe: each thread gets its own Chronicle appender (appenders are not thread-safe),
 * created on first use and closed by {@link #close}; use the writer from a bounded set of threads (a pool), since
 * each thread keeps its appender until the writer closes. {@link #close} must not run concurrently with
 * {@link #append}; appending after close throws {@link TraceException}. Several writers (in one or several
 * processes) may share a directory.
 */
public final class TraceWriter implements AutoCloseable {

    private final TraceConfig config;
    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private final QueueSupport.CycleFiles cycleFiles;
    private final CheckpointLog checkpoints;
    private final RetentionSweep retention;
    private final PageToucher toucher;
    private final Queue<Lane> lanes = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Lane> lane;
    /** The link this process committed last; written only while holding the queue's write lock. */
    private volatile ChainLink head;
    private volatile boolean closed;

    private TraceWriter(TraceConfig config) {
        this.config = config;
        this.queue = QueueSupport.openForWrite(config);
        try {
            this.rollCycle = queue.rollCycle();
            this.cycleFiles = new QueueSupport.CycleFiles(queue);
            this.checkpoints = CheckpointLog.open(config.directory(), config.signingKey());
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        this.retention = new RetentionSweep(queue, cycleFiles, checkpoints, config);
        this.toucher = config.pretouch() ? new PageToucher(cycleFiles, "llmpolicy-trace-pretouch") : null;
        this.lane = ThreadLocal.withInitial(this::newLane);
    }

    /**
     * Opens (creating if needed) the trace directory for appending. An existing directory continues its
     * sequence and chain. Runs one retention sweep when retention is configured.
     *
     * @throws TraceException if the directory cannot be created or opened
     */
    public static TraceWriter open(TraceConfig config) {
        Objects.requireNonNull(config, "config");
        TraceWriter writer = new TraceWriter(config);
        if (!config.retention().keepsAll()) {
            writer.sweepRetention();
        }
        return writer;
    }

    /**
     * Appends one record and returns its sequence number.
     *
     * @throws TraceException if the writer is closed or the queue cannot be written; when the record was
     *                        written but its checkpoint could not be, the message says so
     */
    public long append(TraceRecord record) {
        Objects.requireNonNull(record, "record");
        if (closed) {
            throw new TraceException("trace writer for " + config.directory() + " is closed");
        }
        Lane l = lane.get();
        BodyWriter body = l.body;
        body.clear(Documents.HEADER_ROOM); // the document header goes in front of the body once the sequence is known
        RecordCodec.encode(record, body);
        int bodyLength = body.length() - Documents.HEADER_ROOM;
        l.chain.absorbBody(body.array(), Documents.HEADER_ROOM, bodyLength);

        ChainLink previous;
        ChainLink link;
        long end;
        long lastByte;
        boolean hint;
        DocumentContext dc;
        try {
            dc = l.appender.writingDocument();
        } catch (RuntimeException e) {
            throw new TraceException("cannot write to trace directory " + config.directory() + ": " + e, e);
        }
        try {
            long index = dc.index();
            previous = previousLink(l, index);
            long sequence = previous.sequence() + 1;
            link = new ChainLink(index, sequence, l.chain.finishLink(sequence, previous.hash()));
            body.writeRaw(link.hash(), 0, ChainHash.LENGTH);
            int start = Documents.frame(body.array(), Documents.HEADER_ROOM, sequence, bodyLength);
            Documents.write(dc.wire(), body.array(), start, body.length() - start);
            Bytes<?> written = dc.wire().bytes();
            end = written.writePosition();
            // The toucher needs a hint only when this thread's writes reach a new page (one record in ~15).
            hint = toucher != null && (end >>> 12 != l.hintPage || index != l.hintIndex + 1);
            lastByte = hint ? lastByteAddress(written, end) : 0;
            l.hintIndex = index;
        } catch (RuntimeException | Error e) {
            dc.rollbackOnClose();
            try {
                dc.close(); // releases the write lock without publishing the document
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw e instanceof TraceException te ? te
                    : new TraceException("cannot write to trace directory " + config.directory() + ": " + e, e);
        }
        head = link;
        try {
            dc.close();
        } catch (RuntimeException e) {
            // The head may name an excerpt that never became visible: forget it so the next append reads the queue.
            head = null;
            throw new TraceException("cannot commit to trace directory " + config.directory() + ": " + e, e);
        }
        if (hint) {
            l.hintPage = end >>> 12;
            toucher.advanced(rollCycle.toCycle(link.index()), end, lastByte);
        }
        afterCommit(l, previous, link);
        return link.sequence();
    }

    /** Where the document's last byte is in memory, for the page toucher; 0 when Chronicle cannot say. */
    private static long lastByteAddress(Bytes<?> written, long end) {
        try {
            return written.addressForWrite(end - 1);
        } catch (RuntimeException e) {
            return 0; // a hint only: never let it fail an append
        }
    }

    private ChainLink previousLink(Lane l, long index) {
        ChainLink h = head;
        if (h != null && h.index() == index - 1 && rollCycle.toSequenceNumber(index) > 0) {
            return h;
        }
        return lookupPrevious(l.tailer(), l.raw, index);
    }

    /** Reads the link of the excerpt that precedes {@code index} in queue order; called holding the write lock. */
    private ChainLink lookupPrevious(ExcerptTailer tailer, Documents.Raw raw, long index) {
        if (rollCycle.toSequenceNumber(index) > 0) {
            return readLink(tailer, raw, index - 1);
        }
        int cycle = rollCycle.toCycle(index);
        List<Integer> cycles = cycleFiles.list();
        for (int i = cycles.size() - 1; i >= 0; i--) {
            int c = cycles.get(i);
            if (c >= cycle) {
                continue;
            }
            long count = tailer.excerptsInCycle(c);
            if (count > 0) {
                return readLink(tailer, raw, rollCycle.toIndex(c, count - 1));
            }
        }
        return ChainLink.GENESIS;
    }

    static ChainLink readLink(ExcerptTailer tailer, Documents.Raw raw, long index) {
        if (!tailer.moveToIndex(index)) {
            throw new TraceException("cannot continue the hash chain: no record at queue index "
                    + Long.toHexString(index) + " in " + tailer.queue().file());
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent() || dc.isMetaData()) {
                throw new TraceException("cannot continue the hash chain: record at queue index "
                        + Long.toHexString(index) + " is not readable");
            }
            Documents.read(dc, raw);
        } catch (RecordCodec.MalformedBodyException e) {
            throw new TraceException("cannot continue the hash chain: record at queue index "
                    + Long.toHexString(index) + " is damaged (" + e.getMessage() + "); run trace verify", e);
        }
        return raw.link();
    }

    private void afterCommit(Lane l, ChainLink previous, ChainLink link) {
        Durability durability = config.durability();
        if (durability == Durability.SYNC_EVERY_RECORD) {
            l.appender.sync();
        }
        boolean force = durability != Durability.PAGE_CACHE;
        boolean rolled = !previous.isGenesis()
                && rollCycle.toCycle(previous.index()) != rollCycle.toCycle(link.index());
        try {
            if (rolled) {
                checkpoints.append(checkpoint(Checkpoint.Kind.ROLL, previous), force);
            }
            int every = config.checkpointEvery();
            if (every > 0 && link.sequence() + 1 >= l.nextCheckpoint && isCheckpoint(l, link.sequence() + 1, every)) {
                if (durability == Durability.SYNC_AT_CHECKPOINT) {
                    l.appender.sync();
                }
                checkpoints.append(checkpoint(Checkpoint.Kind.CHECKPOINT, link), force);
            }
        } catch (TraceException e) {
            throw new TraceException("record " + link.sequence() + " was written but its checkpoint was not: "
                    + e.getMessage(), e);
        }
        if (rolled && !config.retention().keepsAll()) {
            sweepRetention();
        }
    }

    /**
     * Whether {@code count} (a sequence + 1) is a multiple of {@code every}; also moves the lane's next candidate
     * past it, so that the common case is one comparison instead of a 64-bit division per record.
     */
    private static boolean isCheckpoint(Lane l, long count, int every) {
        l.nextCheckpoint = (count / every + 1) * every;
        return count % every == 0;
    }

    private Checkpoint checkpoint(Checkpoint.Kind kind, ChainLink link) {
        return Checkpoint.of(kind, link, cycleFiles.fileName(rollCycle.toCycle(link.index())), nowNanos(), List.of());
    }

    private long nowNanos() {
        java.time.Instant now = config.clock().instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Writes a checkpoint for the last record this process appended, now (outside the every-N schedule), for
     * example before handing the directory to an auditor. Does nothing if this process has appended nothing.
     */
    public void checkpoint() {
        ChainLink h = head;
        if (h != null && !h.isGenesis()) {
            checkpoints.append(checkpoint(Checkpoint.Kind.CHECKPOINT, h), config.durability() != Durability.PAGE_CACHE);
        }
    }

    /**
     * Applies the retention policy now: deletes whole cycle files it no longer keeps, after appending a prune
     * entry for each. Runs automatically on open and whenever an append starts a new cycle. Safe to call from
     * any thread and from several processes (a lock file in the directory lets one sweep at a time).
     *
     * @return names of the deleted files, oldest first
     */
    public List<String> sweepRetention() {
        return retention.sweep();
    }

    /** The page toucher, or null when pretouch is off (for tests). */
    PageToucher toucher() {
        return toucher;
    }

    public Path directory() {
        return config.directory();
    }

    /** Writes a {@code close} checkpoint for this process's last record and closes the queue. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ChainLink h = head;
            if (h != null && !h.isGenesis()) {
                checkpoints.append(checkpoint(Checkpoint.Kind.CLOSE, h), config.durability() != Durability.PAGE_CACHE);
            }
        } finally {
            if (toucher != null) {
                toucher.close();
            }
            for (Lane l : lanes) {
                l.close();
            }
            queue.close();
            checkpoints.close();
        }
    }

    private Lane newLane() {
        if (closed) {
            throw new TraceException("trace writer for " + config.directory() + " is closed");
        }
        Lane l = new Lane(queue.createAppender());
        lanes.add(l);
        return l;
    }

    /** Per-thread state: the thread's appender, a body buffer, a digest, and a tailer for chain lookups. */
    private final class Lane {
        final ExcerptAppender appender;
        final BodyWriter body = new BodyWriter(1024);
        final ChainHash chain = new ChainHash();
        final Documents.Raw raw = new Documents.Raw();
        /** Page and queue index of this thread's last write, to hint the page toucher only when it matters. */
        long hintPage = -1;
        /** The smallest sequence + 1 that can need an every-N checkpoint after this thread's last one. */
        long nextCheckpoint;
        long hintIndex = Long.MIN_VALUE;
        private ExcerptTailer tailer;

        Lane(ExcerptAppender appender) {
            this.appender = appender;
            // Chronicle checks on every call that an appender stays on one thread; a lane is one thread's by
            // construction (a ThreadLocal), and the check costs a tenth of an append.
            appender.singleThreadedCheckDisabled(true);
        }

        ExcerptTailer tailer() {
            if (tailer == null) {
                tailer = queue.createTailer();
            }
            return tailer;
        }

        void close() {
            if (tailer != null) {
                tailer.close();
            }
            appender.close();
        }
    }
}
