package io.llmpolicy.trace;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads records back from a trace directory, in the order they were appended, without modifying the directory
 * (the queue is opened read-only). Reading does not check the hash chain; {@link TraceVerifier} does.
 *
 * <p>Threading: not thread-safe (one Chronicle tailer); use each reader from one thread. Readers may run while
 * writers in this or other processes append.
 */
public final class TraceReader implements AutoCloseable {

    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private final QueueSupport.CycleFiles cycleFiles;
    private final ExcerptTailer tailer;
    private final Documents.Raw raw = new Documents.Raw();
    private final HexFormat hex = HexFormat.of();

    private TraceReader(SingleChronicleQueue queue) {
        this.queue = queue;
        this.rollCycle = queue.rollCycle();
        this.cycleFiles = new QueueSupport.CycleFiles(queue);
        this.tailer = queue.createTailer();
    }

    /** @throws TraceException if {@code directory} is missing or not a trace directory */
    public static TraceReader open(Path directory) {
        return new TraceReader(QueueSupport.openReadOnly(directory));
    }

    /** Calls {@code action} for every record from the oldest kept one to the current end. */
    public long forEach(Consumer<? super TraceEntry> action) {
        cycleFiles.moveToFirst(tailer);
        return drain(Long.MIN_VALUE, action);
    }

    /**
     * Calls {@code action} for every record whose start time is at or after {@code since}. The whole log is
     * scanned, because start times are chosen by the caller (a replay writes old or future timestamps) and need
     * not follow the cycle a record was written in; only the fixed-offset start time of each body is read until
     * a record matches, so skipping costs a copy of the body, not a decode.
     */
    public long forEachSince(Instant since, Consumer<? super TraceEntry> action) {
        cycleFiles.moveToFirst(tailer);
        return drain(toNanos(since), action);
    }

    /** The last {@code n} records (fewer if the log is shorter), oldest first. */
    public List<TraceEntry> last(int n) {
        if (n <= 0) {
            return List.of();
        }
        ArrayDeque<TraceEntry> window = new ArrayDeque<>(n);
        tailer.direction(TailerDirection.BACKWARD).toEnd();
        try {
            while (window.size() < n) {
                TraceEntry e = next();
                if (e == null) {
                    break;
                }
                window.addFirst(e);
            }
        } finally {
            tailer.direction(TailerDirection.FORWARD);
        }
        return new ArrayList<>(window);
    }

    /**
     * Follows the log: first the last {@code backlog} records, then each new record as it is appended, polling
     * every {@code pollInterval} while there is nothing new, until {@code stop} returns true (checked between
     * records and before each poll). The end of the log is where a writer will append next, so records from
     * writers in other processes are seen too.
     *
     * @return the number of records passed to {@code action}
     */
    public long follow(int backlog, Consumer<? super TraceEntry> action, BooleanSupplier stop, Duration pollInterval) {
        Objects.requireNonNull(stop, "stop");
        long count = 0;
        long lastIndex = Long.MIN_VALUE;
        for (TraceEntry e : last(backlog)) {
            action.accept(e);
            lastIndex = e.index();
            count++;
        }
        if (lastIndex == Long.MIN_VALUE) {
            tailer.toEnd();
        } else {
            tailer.moveToIndex(lastIndex);
            tailer.readingDocument().close(); // step past the last record shown
        }
        long pollNanos = Math.max(1, pollInterval.toNanos());
        while (!stop.getAsBoolean()) {
            TraceEntry e = next();
            if (e == null) {
                LockSupport.parkNanos(pollNanos);
                continue;
            }
            action.accept(e);
            count++;
        }
        return count;
    }

    private long drain(long minStartNanos, Consumer<? super TraceEntry> action) {
        long count = 0;
        for (TraceEntry e = next(minStartNanos); e != null; e = next(minStartNanos)) {
            action.accept(e);
            count++;
        }
        return count;
    }

    /** The next record in the tailer's direction, or null at the end. */
    private TraceEntry next() {
        return next(Long.MIN_VALUE);
    }

    /** The next record starting at or after {@code minStartNanos}, or null at the end. */
    private TraceEntry next(long minStartNanos) {
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                if (dc.isMetaData()) {
                    continue;
                }
                try {
                    Documents.read(dc, raw);
                    Long start = raw.startTime();
                    if (start != null && start < minStartNanos) {
                        continue;
                    }
                    TraceRecord record = raw.decode();
                    return new TraceEntry(raw.sequence, hex.formatHex(raw.hash), raw.index,
                            cycleFiles.fileName(rollCycle.toCycle(raw.index)), record);
                } catch (RecordCodec.MalformedBodyException e) {
                    throw new TraceException("record at queue index " + Long.toHexString(dc.index()) + " in "
                            + cycleFiles.fileName(rollCycle.toCycle(dc.index())) + " cannot be read ("
                            + e.getMessage() + "); run trace verify", e);
                }
            }
        }
    }

    private static long toNanos(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L) + t.getNano();
    }

    @Override
    public void close() {
        tailer.close();
        queue.close();
    }
}
