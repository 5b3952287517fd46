package io.llmpolicy.trace;

/**
 * Reads what {@link BodyWriter} writes, from a byte array range, checking every bound: bad input throws
 * {@link RecordCodec.MalformedBodyException}, never an index or decoding error. Not thread-safe.
 */
final class BodyReader {

    private final byte[] buf;
    private final int end;
    private int pos;

    BodyReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int remaining() {
        return end - pos;
    }

    int readUnsignedByte() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    long readLong() {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xFFL);
        }
        pos += 8;
        return v;
    }

    double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new RecordCodec.MalformedBodyException("varint longer than 10 bytes");
    }

    /** A non-negative varint that fits an int. */
    int readVarInt() {
        long v = readVarLong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new RecordCodec.MalformedBodyException("value " + v + " out of range");
        }
        return (int) v;
    }

    long readZigZag() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    /** What {@link BodyWriter#writeRecordId} writes. */
    String readRecordId() {
        int form = readUnsignedByte();
        if (form == BodyWriter.TEXT) {
            return readString();
        }
        if (form != BodyWriter.UUID_BYTES) {
            throw new RecordCodec.MalformedBodyException("bad record id form " + form);
        }
        need(16);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (buf[pos + i] & 0xFFL);
            low = low << 8 | (buf[pos + 8 + i] & 0xFFL);
        }
        pos += 16;
        return new java.util.UUID(high, low).toString();
    }

    /** What {@link BodyWriter#writeHex} writes. */
    String readHex() {
        int form = readUnsignedByte();
        if (form == BodyWriter.TEXT) {
            return readString();
        }
        if (form != BodyWriter.HEX_BYTES && form != BodyWriter.SHA256_HEX_BYTES) {
            throw new RecordCodec.MalformedBodyException("bad hex form " + form);
        }
        int n = readVarInt();
        need(n);
        String hex = java.util.HexFormat.of().formatHex(buf, pos, pos + n);
        pos += n;
        return form == BodyWriter.SHA256_HEX_BYTES ? BodyWriter.SHA256_PREFIX + hex : hex;
    }

    /** What {@link BodyWriter#writeUnit} writes. */
    String readUnit() {
        int code = readUnsignedByte();
        return switch (code) {
            case 0 -> readString();
            case 1 -> BudgetCharge.NANO_USD;
            case 2 -> BudgetCharge.TOKENS;
            case 3 -> BudgetCharge.REQUESTS;
            default -> throw new RecordCodec.MalformedBodyException("bad budget unit code " + code);
        };
    }

    String readString() {
        long header = readVarLong();
        if (header == 0) {
            return null;
        }
        if (header < 0 || header - 1 > remaining()) {
            throw new RecordCodec.MalformedBodyException("string length " + (header - 1) + " exceeds the body");
        }
        int length = (int) (header - 1);
        int stop = pos + length;
        char[] chars = new char[length];
        int n = 0;
        int p = pos;
        while (p < stop && buf[p] >= 0) { // ASCII fast path
            chars[n++] = (char) buf[p++];
        }
        while (p < stop) {
            int b = buf[p++] & 0xFF;
            if (b < 0x80) {
                chars[n++] = (char) b;
            } else if (b >= 0xC0 && b < 0xE0) {
                chars[n++] = (char) (((b & 0x1F) << 6) | continuation(p++, stop));
            } else if (b >= 0xE0 && b < 0xF0) {
                int c = ((b & 0x0F) << 12) | (continuation(p++, stop) << 6);
                chars[n++] = (char) (c | continuation(p++, stop));
            } else if (b >= 0xF0 && b < 0xF8) {
                int cp = ((b & 0x07) << 18) | (continuation(p++, stop) << 12);
                cp |= continuation(p++, stop) << 6;
                cp |= continuation(p++, stop);
                if (cp < 0x10000 || cp > Character.MAX_CODE_POINT) {
                    throw new RecordCodec.MalformedBodyException("bad code point " + cp);
                }
                chars[n++] = Character.highSurrogate(cp);
                chars[n++] = Character.lowSurrogate(cp);
            } else {
                throw new RecordCodec.MalformedBodyException("bad UTF-8 lead byte " + b);
            }
        }
        pos = stop;
        return new String(chars, 0, n);
    }

    private int continuation(int at, int stop) {
        if (at >= stop) {
            throw new RecordCodec.MalformedBodyException("truncated UTF-8 sequence");
        }
        int b = buf[at] & 0xFF;
        if ((b & 0xC0) != 0x80) {
            throw new RecordCodec.MalformedBodyException("bad UTF-8 continuation byte " + b);
        }
        return b & 0x3F;
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new RecordCodec.MalformedBodyException("body ends early");
        }
    }
}
