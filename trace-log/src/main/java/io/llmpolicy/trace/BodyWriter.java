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

    /** Clears and leaves the first {@code reserve} bytes free (for a header written in front of the body later). */
    void clear(int reserve) {
        pos = 0;
        ensure(reserve);
        pos = reserve;
    }

    /** Appends raw bytes (no length prefix). */
    void writeRaw(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, buf, pos, length);
        pos += length;
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
        if ((v & ~0x7FL) == 0 && pos < buf.length) { // counts and small numbers: one byte
            buf[pos++] = (byte) v;
            return;
        }
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
        // The hot path, kept small so that the JIT inlines it at every call site: the same String instance as
        // last time, in its first slot (policy, rule, model and budget names are the same objects record after record).
        if (s != null && s.length() <= MAX_CACHED_CHARS) {
            int slot = s.hashCode() & (CACHE_SIZE - 1);
            if (cachedKeys[slot] == s) {
                copyCached(slot);
                return;
            }
        }
        writeStringSlow(s);
    }

    private void writeStringSlow(String s) {
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
        if (key != null && key.equals(s)) {
            copyCached(first);
            return;
        }
        int second = (h >>> 16 ^ h >>> 8) & (CACHE_SIZE - 1);
        key = cachedKeys[second];
        if (key == s || key != null && key.equals(s)) {
            copyCached(second);
            return;
        }
        int start = pos;
        writeStringUncached(s, n);
        // Two candidate slots: fill an empty one, else replace the first, so strings of a record rarely
        // evict each other and new strings replace old ones.
        int into = cachedKeys[first] == null || key != null ? first : second;
        cachedKeys[into] = s;
        cachedBytes[into] = Arrays.copyOfRange(buf, start, start + ((pos - start + 7) & ~7));
        cachedLengths[into] = pos - start;
    }

    /**
     * Copies a cached encoding 8 bytes at a time from its array, padded to a multiple of 8: cheaper than an
     * arraycopy call for the short strings that fill a record. The padding lands past the end and is overwritten
     * or ignored.
     */
    private void copyCached(int slot) {
        byte[] cached = cachedBytes[slot];
        int padded = cached.length;
        if (pos + padded > buf.length) {
            ensure(padded);
        }
        for (int k = 0; k < padded; k += 8) {
            LONG_LE.set(buf, pos + k, (long) LONG_LE.get(cached, k));
        }
        pos += cachedLengths[slot];
    }

    /** Writes a string that will not repeat (a record or request id), bypassing the cache. */
    void writeUniqueString(String s) {
        if (s == null) {
            writeByte(0);
            return;
        }
        writeStringUncached(s, s.length());
    }

    /** Signed, as a zigzag varint: small magnitudes of either sign take few bytes. */
    void writeZigZag(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    static final int TEXT = 0;
    static final int UUID_BYTES = 1;
    static final int HEX_BYTES = 1;
    static final int SHA256_HEX_BYTES = 2;
    static final String SHA256_PREFIX = "sha256:";

    /**
     * A record id: {@code u8 1} and the 16 bytes of a UUID when the id is one in canonical lowercase text (what
     * {@link TraceIds} makes), otherwise {@code u8 0} and the text. Ids are unique, so this bypasses the cache.
     */
    void writeRecordId(String id) {
        if (id != null && id.length() == 36) {
            ensure(17);
            if (uuidBytes(id, buf, pos + 1)) {
                buf[pos] = UUID_BYTES;
                pos += 17;
                return;
            }
        }
        writeByte(TEXT);
        writeUniqueString(id);
    }

    /**
     * A hash in hex: {@code u8 2} and the bytes for {@code "sha256:" + lowercase hex}, {@code u8 1} and the
     * bytes for plain lowercase hex (both with a varint byte count), otherwise {@code u8 0} and the text. The
     * encoded form of the last few distinct hashes is kept (a policy hash repeats in every record).
     */
    void writeHex(String s) {
        if (s == null) {
            writeByte(TEXT);
            writeByte(0);
            return;
        }
        for (int i = 0; i < HEX_CACHE; i++) {
            if (hexKeys[i] == s) {
                writeRaw(hexValues[i], 0, hexValues[i].length);
                return;
            }
        }
        int start = pos;
        writeHexUncached(s);
        int slot = hexNext++ & (HEX_CACHE - 1);
        hexKeys[slot] = s;
        hexValues[slot] = Arrays.copyOfRange(buf, start, pos);
    }

    private static final int HEX_CACHE = 4;
    private final String[] hexKeys = new String[HEX_CACHE];
    private final byte[][] hexValues = new byte[HEX_CACHE][];
    private int hexNext;

    private void writeHexUncached(String s) {
        boolean prefixed = s.startsWith(SHA256_PREFIX);
        int from = prefixed ? SHA256_PREFIX.length() : 0;
        int digits = s.length() - from;
        if (digits > 0 && digits % 2 == 0 && digits <= 2 * 1024) {
            int n = digits / 2; // up to 1024 bytes: a one- or two-byte varint count
            ensure(3 + n);
            int at = pos;
            buf[at++] = (byte) (prefixed ? SHA256_HEX_BYTES : HEX_BYTES);
            if (n < 0x80) {
                buf[at++] = (byte) n;
            } else {
                buf[at++] = (byte) (n & 0x7F | 0x80);
                buf[at++] = (byte) (n >>> 7);
            }
            if (hexBytes(s, from, n, buf, at)) {
                pos = at + n;
                return;
            }
        }
        writeByte(TEXT); // not lowercase hex: as text (the bytes written above are overwritten)
        writeString(s);
    }

    /** Lowercase hex digit values; -1 for anything else (uppercase too: it would not round-trip). */
    private static final byte[] HEX = new byte[128];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = (byte) (10 + i);
        }
    }

    private static int hexDigit(String s, int i) {
        char c = s.charAt(i);
        return c < 128 ? HEX[c] : -1;
    }

    /** Decodes {@code n} bytes of lowercase hex starting at {@code from} into {@code out}; false if not hex. */
    private static boolean hexBytes(String s, int from, int n, byte[] out, int at) {
        int bad = 0;
        for (int i = 0; i < n; i++) {
            int hi = hexDigit(s, from + 2 * i);
            int lo = hexDigit(s, from + 2 * i + 1);
            bad |= hi | lo; // negative when either is not a digit
            out[at + i] = (byte) (hi << 4 | lo);
        }
        return bad >= 0;
    }

    /** Scratch for {@link #uuidBytes}: {@code getChars} copies (inflates) a string's chars in one intrinsic call. */
    private final char[] uuidChars = new char[36];

    private static final java.lang.invoke.VarHandle LONG_BE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** Writes the 16 bytes of a canonical lowercase UUID text into {@code out}; false if it is not one. */
    private boolean uuidBytes(String s, byte[] out, int at) {
        char[] c = uuidChars;
        s.getChars(0, 36, c, 0); // one intrinsic copy; reading the chars from the array is faster than charAt
        if (c[8] != '-' || c[13] != '-' || c[18] != '-' || c[23] != '-') {
            return false;
        }
        // 8-4-4-4-12 hex digits; nibbles() is negative when a char is not a lowercase hex digit
        long a = nibbles(c, 0, 8);
        long b = nibbles(c, 9, 4);
        long d = nibbles(c, 14, 4);
        long e = nibbles(c, 19, 4);
        long f = nibbles(c, 24, 12);
        if ((a | b | d | e | f) < 0) {
            return false;
        }
        LONG_BE.set(out, at, a << 32 | b << 16 | d);
        LONG_BE.set(out, at + 8, e << 48 | f);
        return true;
    }

    /** The value of {@code count} (at most 15) lowercase hex digits, or a negative number if one is not. */
    private static long nibbles(char[] c, int from, int count) {
        long v = 0;
        long bad = 0;
        for (int i = from; i < from + count; i++) {
            char ch = c[i];
            long digit = ch < 128 ? HEX[ch] : -1;
            bad |= digit;
            v = v << 4 | (digit & 0xF);
        }
        return bad < 0 ? -1 : v;
    }

    /** A budget charge unit: {@code u8 1..3} for the units llmpolicy writes, otherwise {@code u8 0} and the text. */
    void writeUnit(String unit) {
        int code = BudgetCharge.NANO_USD.equals(unit) ? 1 : BudgetCharge.TOKENS.equals(unit) ? 2
                : BudgetCharge.REQUESTS.equals(unit) ? 3 : 0;
        writeByte(code);
        if (code == 0) {
            writeString(unit);
        }
    }

    /** Strings up to this many chars are cached: ids and names, not prompts. */
    static final int MAX_CACHED_CHARS = 96;
    private static final int CACHE_SIZE = 256;
    private final String[] cachedKeys = new String[CACHE_SIZE];
    /** Encoded strings, each padded with zeros to a multiple of 8 bytes; their real lengths are in cachedLengths. */
    private final byte[][] cachedBytes = new byte[CACHE_SIZE][];
    private final int[] cachedLengths = new int[CACHE_SIZE];

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
