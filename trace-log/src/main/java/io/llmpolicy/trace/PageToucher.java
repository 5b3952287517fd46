package io.llmpolicy.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the pages just ahead of the writer's position in the page cache, on its own daemon thread, so that the
 * request thread writing a record does not pay for bringing a fresh page of the cycle file into memory.
 *
 * <p>Why: Chronicle writes records into a memory-mapped, sparse cycle file. The first write to each 4 KiB page
 * faults, and the kernel allocates and zeroes a page-cache page on the writer's thread. That is cheap on bare
 * metal, but in a virtual machine the first touch of guest memory can wait on the host for milliseconds: on the
 * 2-vCPU VM where llmpolicy is benchmarked, a bare Chronicle append of a 340-byte record has a 140 ns median and
 * a mean ten times higher, made entirely of such stalls (docs/benchmarks.md). Reading the pages first, here,
 * moves those faults off the writer (the same idea as Chronicle Enterprise's pretoucher).
 *
 * <p>Two steps. First it <em>reads</em> the file ahead of the writer (positional {@link FileChannel#read}), which
 * puts the pages in the page cache (a read of a hole gives a zero page). That still leaves the writer one minor
 * fault per page to map it into its own address space, so, on Linux, it then asks the kernel to map the next
 * {@link #POPULATE_BYTES} of the writer's mapping ready for writing ({@code madvise(MADV_POPULATE_WRITE)}, Linux
 * 5.14+), from this thread. Neither step writes a byte: {@code MADV_POPULATE_WRITE} prefaults page tables "as if
 * written" without writing, so whatever the race with writers (or with Chronicle unmapping a chunk, when the call
 * simply fails), no record can change. Where the call is not available the first step alone runs. Position hints
 * come from {@link #advanced} after each append; several writer processes each run their own toucher and may
 * touch the same pages, which is harmless.
 *
 * <p>Threading: {@link #advanced} may be called from any thread; the toucher runs on one daemon thread until
 * {@link #close}.
 */
final class PageToucher implements AutoCloseable {

    /** How far ahead of the last write to keep pages resident. */
    static final long AHEAD_BYTES = 8L << 20;
    /** How far ahead of the last write to map pages writable in the writer's address space. */
    static final long POPULATE_BYTES = 2L << 20;
    private static final int MADV_POPULATE_WRITE = 23;
    private static final long PAGE = 4096;
    private static final int STEP = 64 << 10;
    private static final long MIN_SLEEP_NANOS = 200_000;
    private static final long MAX_SLEEP_NANOS = 20_000_000;

    private final QueueSupport.CycleFiles files;
    private final Thread thread;
    private volatile long position = -1;
    private volatile int cycle = Integer.MIN_VALUE;
    /** Address of the last byte written, in the writer's mapping; 0 when unknown. */
    private volatile long address;
    private volatile boolean populate = System.getProperty("os.name", "").startsWith("Linux");
    private volatile long populatedTo;
    /** Successful populate calls, for tests and monitoring. */
    private volatile long populateCalls;
    private volatile boolean closed;
    /** File position up to which pages were read, and of which cycle's file, for tests and monitoring. */
    private volatile long touchedUpTo;
    private volatile int touchedCycle = Integer.MIN_VALUE;

    PageToucher(QueueSupport.CycleFiles files, String name) {
        this.files = files;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The writer wrote up to {@code filePosition} of {@code cycle}'s file. */
    void advanced(int cycle, long filePosition, long lastByteAddress) {
        this.cycle = cycle;
        address = lastByteAddress;
        position = filePosition;
    }

    /** Maps the pages after the writer's last byte writable in its address space (Linux). */
    private boolean populate() {
        long last = address;
        if (!populate || last == 0) {
            return false;
        }
        long from = (last + PAGE) & -PAGE;
        long to = from + POPULATE_BYTES;
        if (populatedTo < from || populatedTo > to) {
            populatedTo = from; // first call, a new chunk or cycle: start at the writer
        }
        if (to - populatedTo < POPULATE_BYTES / 4) {
            return false; // most of the window is mapped already
        }
        try {
            int rc = net.openhft.posix.PosixAPI.posix().madvise(populatedTo, to - populatedTo, MADV_POPULATE_WRITE);
            if (rc == 0) {
                populatedTo = to;
                populateCalls++;
                return true;
            }
            populatedTo = to; // typically the end of a chunk's mapping: try again past it
            return false;
        } catch (Throwable e) { // no native access, or not Linux after all: the read-ahead alone remains
            populate = false;
            return false;
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(STEP);
        FileChannel channel = null;
        int channelCycle = Integer.MIN_VALUE;
        long touched = 0;
        long sleep = MIN_SLEEP_NANOS;
        try {
            while (!closed) {
                int c = cycle;
                long pos = position;
                boolean worked = false;
                if (pos >= 0) {
                    if (c != channelCycle) {
                        closeQuietly(channel);
                        channel = open(files.path(c));
                        channelCycle = c;
                        touched = 0;
                    }
                    if (channel != null) {
                        long from = Math.max(touched, pos & ~(STEP - 1L));
                        long to = pos + AHEAD_BYTES;
                        for (long at = from; at < to && !closed; at += STEP) {
                            buffer.clear();
                            if (channel.read(buffer, at) < 0) {
                                break; // past the end of the file: the writer has not grown it yet
                            }
                            touched = at + STEP;
                            touchedCycle = c;
                            touchedUpTo = touched;
                            worked = true;
                        }
                    }
                }
                worked |= populate();
                sleep = worked ? MIN_SLEEP_NANOS : Math.min(MAX_SLEEP_NANOS, sleep * 2);
                LockSupport.parkNanos(sleep);
            }
        } catch (IOException | RuntimeException e) {
            // Touching is an optimisation only: on any failure the writer simply takes its own page faults.
        } finally {
            closeQuietly(channel);
        }
    }

    long touchedUpTo() {
        return touchedUpTo;
    }

    /** Successful {@code MADV_POPULATE_WRITE} calls (Linux). */
    long populateCalls() {
        return populateCalls;
    }

    int touchedCycle() {
        return touchedCycle;
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only channel: nothing to lose
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
