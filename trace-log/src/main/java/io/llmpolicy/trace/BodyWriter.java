package io.llmpolicy.trace;

import java.util.Arrays;

/**
 * Appends the primitive types of the body layout to a growable byte array: fixed 8-byte little-endian longs,
 * unsigned LEB128 varints, and strings as {@code varint(byteLength + 1)} then the bytes in WTF-8 (UTF-8 that also
 * round-trips lone surrogates), with {@code varint(0)} for null. Hand-rolled because it runs on every append and
 * must not cost more than the hash it feeds. Not thread-safe: one per writing thread, reused after
 * {@link #clear}.
 */
final class BodyWriter {

    private byte[] buf;
    private int pos;

    BodyWriter(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    void clear() {
        pos = 0;
    }

    byte[] array() {
        return buf;
    }

    int length() {
        return pos;
    }

    void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void writeLong(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) v;
            v >>>= 8;
        }
    }

    void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    /** Unsigned LEB128; callers pass only non-negative values. */
    void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void writeString(String s) {
        if (s == null) {
            writeByte(0);
            return;
        }
        int n = s.length();
        int bytes = utf8Length(s, n);
        writeVarLong(bytes + 1L);
        ensure(bytes);
        byte[] b = buf;
        int p = pos;
        int i = 0;
        for (; i < n; i++) { // ASCII fast path
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            b[p++] = (byte) c;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        pos = p;
    }

    private static int utf8Length(String s, int n) {
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // four bytes for two chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
