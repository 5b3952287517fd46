package io.llmpolicy.trace;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;

/**
 * The queue document of one record. Layout 2 (what this version writes): the byte {@code 0x02}, the sequence as an int64
 * (little-endian), the body length as a stop-bit varint, the body bytes ({@link RecordCodec}) and the 32-byte chain
 * hash ({@link ChainHash}) — raw bytes, no field names, so an append is a few memory copies. Layout 1 (earlier
 * versions) held the same values as three binary-wire fields, {@code seq}, {@code body} and {@code hash}; it is
 * still read. Stateless and thread-safe.
 */
final class Documents {

    static final String SEQ = "seq";
    static final String BODY = "body";
    static final String HASH = "hash";

    private Documents() {
    }

    /** First byte of a layout-2 document; a layout-1 document starts with a field-name header (0xC0-0xDF). */
    static final int RAW_LAYOUT = 2;

    /** Room to leave in front of a body for {@link #frame}: the layout byte, the sequence and a 5-byte length. */
    static final int HEADER_ROOM = 1 + Long.BYTES + 5;

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Writes a layout-2 document header (layout byte, sequence, stop-bit body length) into {@code buf} so that it
     * ends exactly at {@code bodyStart}, where the body already is; returns where the header starts. With the
     * chain hash appended after the body, {@code buf} then holds the whole document, written with one copy.
     */
    static int frame(byte[] buf, int bodyStart, long sequence, int bodyLength) {
        int lengthBytes = 1;
        for (long v = bodyLength >>> 7; v != 0; v >>>= 7) {
            lengthBytes++;
        }
        int start = bodyStart - lengthBytes - Long.BYTES - 1;
        buf[start] = (byte) RAW_LAYOUT;
        LONG_LE.set(buf, start + 1, sequence);
        int at = start + 1 + Long.BYTES;
        long v = bodyLength;
        while ((v & ~0x7FL) != 0) { // Chronicle's stop-bit encoding: 7 bits per byte, low bits first
            buf[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[at] = (byte) v;
        return start;
    }

    /** Writes a document {@link #frame} prepared: one copy into the queue. */
    static void write(Wire wire, byte[] document, int offset, int length) {
        wire.bytes().write(document, offset, length);
    }

    /** Layout 1, kept so tests can produce documents of earlier versions. */
    static void writeLayout1(Wire wire, long sequence, Bytes<byte[]> body, byte[] hash) {
        wire.write(SEQ).int64(sequence);
        wire.write(BODY).bytes(body);
        wire.write(HASH).bytes(hash);
    }

    /**
     * Reads the current document into {@code into}.
     *
     * @throws RecordCodec.MalformedBodyException if the document does not have the three fields
     */
    static void read(DocumentContext dc, Raw into) {
        Wire wire = dc.wire();
        try {
            into.index = dc.index();
            Bytes<?> in = wire.bytes();
            if (in.readRemaining() > 0 && in.peekUnsignedByte() == RAW_LAYOUT) {
                in.readSkip(1);
                into.layout = RAW_LAYOUT;
                into.sequence = in.readLong();
                long length = in.readStopBit();
                if (length < 0 || length > in.readRemaining() - ChainHash.LENGTH) {
                    throw new RecordCodec.MalformedBodyException("document body length " + length + " does not fit the document");
                }
                into.body.clear();
                into.body.write(in, in.readPosition(), length);
                in.readSkip(length);
                if (in.readRemaining() != ChainHash.LENGTH) {
                    throw new RecordCodec.MalformedBodyException("document has no 32-byte chain hash");
                }
                into.hash = new byte[ChainHash.LENGTH];
                in.read(into.hash);
                return;
            }
            into.layout = 1;
            into.sequence = wire.read(SEQ).int64();
            wire.read(BODY).bytes(into.body);
            into.hash = wire.read(HASH).bytes();
        } catch (RecordCodec.MalformedBodyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RecordCodec.MalformedBodyException("document is not a trace record: " + e, e);
        }
        if (into.hash == null || into.hash.length != ChainHash.LENGTH) {
            throw new RecordCodec.MalformedBodyException("document has no 32-byte chain hash");
        }
    }

    /** A document as stored, before decoding; reused by one reading thread. */
    static final class Raw {
        /** 1 or {@link #RAW_LAYOUT}; tells which chain function the hash was made with ({@link ChainHash}). */
        int layout;
        long index;
        long sequence;
        final Bytes<byte[]> body = Bytes.allocateElasticOnHeap(512);
        byte[] hash;

        ChainLink link() {
            return new ChainLink(index, sequence, hash);
        }

        byte[] bodyArray() {
            return body.underlyingObject();
        }

        int bodyLength() {
            return (int) body.readRemaining();
        }

        /** Start time from the body's fixed-offset field, or null for a body too short to have one. */
        Long startTime() {
            return RecordCodec.startTimeOf(bodyArray(), (int) body.readPosition(), bodyLength());
        }

        TraceRecord decode() {
            return RecordCodec.decode(bodyArray(), (int) body.readPosition(), bodyLength());
        }
    }
}
