package io.llmpolicy.eval;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3_x64_128 (Austin Appleby, public domain), returning h1. {@link #hash64(String, String)} feeds the
 * UTF-8 encoding of {@code a}, a zero byte and the UTF-8 encoding of {@code b} through the hash without building a
 * byte array; {@link #hash64(byte[])} is the plain form the tests compare it with.
 */
final class Murmur3 {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private long h1;
    private long h2;
    private long k1;
    private long k2;
    private int pos;
    private long length;

    private Murmur3() {
    }

    static long hash64(byte[] data) {
        Murmur3 m = new Murmur3();
        for (byte b : data) m.add(b);
        return m.finish();
    }

    static long hash64(String a, String b) {
        Murmur3 m = new Murmur3();
        m.addUtf8(a);
        m.add((byte) 0);
        m.addUtf8(b);
        return m.finish();
    }

    static long hash64(String s) {
        return hash64(s.getBytes(StandardCharsets.UTF_8));
    }

    private void addUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                add((byte) c);
            } else if (c < 0x800) {
                add((byte) (0xC0 | (c >> 6)));
                add((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    add((byte) (0xF0 | (cp >> 18)));
                    add((byte) (0x80 | ((cp >> 12) & 0x3F)));
                    add((byte) (0x80 | ((cp >> 6) & 0x3F)));
                    add((byte) (0x80 | (cp & 0x3F)));
                } else {
                    add((byte) '?');
                }
            } else {
                add((byte) (0xE0 | (c >> 12)));
                add((byte) (0x80 | ((c >> 6) & 0x3F)));
                add((byte) (0x80 | (c & 0x3F)));
            }
        }
    }

    private void add(byte b) {
        long v = b & 0xFFL;
        if (pos < 8) k1 |= v << (8 * pos);
        else k2 |= v << (8 * (pos - 8));
        length++;
        if (++pos == 16) {
            mixBlock();
            k1 = 0;
            k2 = 0;
            pos = 0;
        }
    }

    private void mixBlock() {
        h1 ^= mixK1(k1);
        h1 = Long.rotateLeft(h1, 27);
        h1 += h2;
        h1 = h1 * 5 + 0x52dce729;
        h2 ^= mixK2(k2);
        h2 = Long.rotateLeft(h2, 31);
        h2 += h1;
        h2 = h2 * 5 + 0x38495ab5;
    }

    private long finish() {
        if (pos > 8) h2 ^= mixK2(k2);
        if (pos > 0) h1 ^= mixK1(k1);
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        return h1;
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
