package io.llmpolicy.eval;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3_x64_128 (Austin Appleby, public domain), returning h1.
 *
 * <p>{@link #hash64(String, String)} hashes UTF-8(a) ‖ 0x00 ‖ UTF-8(b). It runs on every completed request that has
 * an eval, so it encodes into a per-thread scratch buffer (no allocation in steady state) and reads 16-byte blocks
 * as two little-endian longs; unpaired surrogates encode as {@code ?}, exactly as {@link String#getBytes} does, which
 * the tests check against {@link #hash64(byte[])}.
 */
final class Murmur3 {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Scratch buffers above this size are not kept, so one huge id does not pin memory in a thread. */
    private static final int MAX_KEPT = 4096;
    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][] {new byte[256]});

    private Murmur3() {
    }

    static long hash64(String a, String b) {
        int max = 3 * (a.length() + b.length()) + 1; // a UTF-16 unit never needs more than 3 UTF-8 bytes
        byte[][] holder = SCRATCH.get();
        byte[] buf = holder[0];
        if (buf.length < max) {
            buf = new byte[max];
            if (max <= MAX_KEPT) holder[0] = buf;
        }
        int n = encode(a, buf, 0);
        buf[n++] = 0;
        n = encode(b, buf, n);
        return hash64(buf, n);
    }

    static long hash64(String s) {
        return hash64(s.getBytes(StandardCharsets.UTF_8));
    }

    static long hash64(byte[] data) {
        return hash64(data, data.length);
    }

    private static int encode(String s, byte[] buf, int at) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[at++] = (byte) c;
            } else if (c < 0x800) {
                buf[at++] = (byte) (0xC0 | (c >> 6));
                buf[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[at++] = (byte) (0xF0 | (cp >> 18));
                    buf[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[at++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    buf[at++] = (byte) '?';
                }
            } else {
                buf[at++] = (byte) (0xE0 | (c >> 12));
                buf[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return at;
    }

    /** The reference algorithm over {@code data[0, length)}, seed 0. */
    private static long hash64(byte[] data, int length) {
        long h1 = 0;
        long h2 = 0;
        int blocks = length >>> 4;
        for (int i = 0; i < blocks; i++) {
            long k1 = (long) LONG_LE.get(data, i << 4);
            long k2 = (long) LONG_LE.get(data, (i << 4) + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks << 4;
        int rest = length & 15;
        long k1 = 0;
        long k2 = 0;
        for (int i = rest - 1; i >= 8; i--) k2 = (k2 << 8) | (data[tail + i] & 0xFFL);
        for (int i = Math.min(rest, 8) - 1; i >= 0; i--) k1 = (k1 << 8) | (data[tail + i] & 0xFFL);
        if (rest > 8) h2 ^= mixK2(k2);
        if (rest > 0) h1 ^= mixK1(k1);
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        return h1 + h2;
    }

    private static long mixK1(long k) {
        k *= C1;
        k = Long.rotateLeft(k, 31);
        return k * C2;
    }

    private static long mixK2(long k) {
        k *= C2;
        k = Long.rotateLeft(k, 33);
        return k * C1;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
