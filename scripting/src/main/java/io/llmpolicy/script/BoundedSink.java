package io.llmpolicy.script;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a script context's {@code console.log}/{@code print} output goes instead of the process's stdout: keeps
 * the first {@code capacity} bytes of the current call and counts the rest, so a script printing in a loop costs
 * memory bounded by the capacity. Written and read by the thread holding the context; synchronized only so a
 * stray write from the engine's own threads cannot corrupt it.
 */
final class BoundedSink extends OutputStream {

    private final byte[] buffer;
    private int size;
    private long dropped;

    BoundedSink(int capacity) {
        this.buffer = new byte[capacity];
    }

    @Override
    public synchronized void write(int b) {
        if (size < buffer.length) {
            buffer[size++] = (byte) b;
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int n = Math.min(len, buffer.length - size);
        System.arraycopy(b, off, buffer, size, n);
        size += n;
        dropped += len - n;
    }

    /** Forgets what the previous call printed. */
    synchronized void reset() {
        size = 0;
        dropped = 0;
    }

    /** What was printed since the last {@link #reset()}, with a note if some of it was dropped. */
    synchronized String text() {
        String s = new String(Arrays.copyOf(buffer, size), StandardCharsets.UTF_8);
        return dropped == 0 ? s : s + "... [" + dropped + " more bytes dropped]";
    }
}
