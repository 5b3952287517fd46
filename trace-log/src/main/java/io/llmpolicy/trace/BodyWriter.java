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

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    void writeLong(long v) {
        ensure(8);
        LONG_LE.set(buf, pos, v); // one 8-byte little-endian store
        pos += 8;
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

    /**
     * Writes a string. Most strings of a record repeat from record to record (policy name and hash, rule ids,
     * models, providers, budget names, metadata keys): those come from a small direct-mapped cache of encoded
     * bytes (keyed by {@link String#hashCode}, checked with {@code equals}), so they cost a compare and a copy. The
     * rest are encoded in one pass when they are short (the length prefix is reserved for the worst case and the
     * bytes written in place).
     */
    void writeString(String s) {
        if (s == null) {
            writeByte(0);
            return;
        }
        int n = s.length();
        if (n > MAX_CACHED_CHARS) {
            writeStringUncached(s, n);
            return;
        }
        int h = s.hashCode();
        int first = h & (CACHE_SIZE - 1);
        String key = cachedKeys[first];
        int slot = first;
        if (key != s && (key == null || !key.equals(s))) {
            int second = (h >>> 16 ^ h >>> 8) & (CACHE_SIZE - 1);
            key = cachedKeys[second];
            if (key != s && (key == null || !key.equals(s))) {
                int start = pos;
                writeStringUncached(s, n);
                // Two candidate slots: fill an empty one, else replace the first, so strings of a record rarely
                // evict each other and new strings replace old ones.
                int into = cachedKeys[first] == null || key != null ? first : second;
                cachedKeys[into] = s;
                cachedBytes[into] = Arrays.copyOfRange(buf, start, pos);
                return;
            }
            slot = second;
        }
        byte[] cached = cachedBytes[slot];
        int length = cached.length;
        if (pos + length > buf.length) {
            ensure(length);
        }
        System.arraycopy(cached, 0, buf, pos, length);
        pos += length;
    }

    /** Writes a string that will not repeat (a record or request id), bypassing the cache. */
    void writeUniqueString(String s) {
        if (s == null) {
            writeByte(0);
            return;
        }
        writeStringUncached(s, s.length());
    }

    /** Strings up to this many chars are cached: ids and names, not prompts. */
    static final int MAX_CACHED_CHARS = 96;
    private static final int CACHE_SIZE = 256;
    private final String[] cachedKeys = new String[CACHE_SIZE];
    private final byte[][] cachedBytes = new byte[CACHE_SIZE][];

    private void writeStringUncached(String s, int n) {
        if (n <= 42) { // at most 126 bytes of WTF-8, so varint(bytes + 1) is one byte: write in place, then the prefix
            ensure(1 + 3 * n);
            int lengthAt = pos;
            int end = encode(s, n, buf, pos + 1);
            buf[lengthAt] = (byte) (end - lengthAt); // bytes + 1
            pos = end;
            return;
        }
        int bytes = utf8Length(s, n);
        writeVarLong(bytes + 1L);
        ensure(bytes);
        pos = encode(s, n, buf, pos);
    }

    /** Writes {@code s} as WTF-8 at {@code p}; returns the end position. The caller ensured the room. */
    private static int encode(String s, int n, byte[] b, int p) {
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
        return p;
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
