package io.llmpolicy.trace;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;

/**
 * The queue document: three binary-wire fields, {@code seq} (int64), {@code body} (the record body bytes,
 * {@link RecordCodec}) and {@code hash} (32-byte chain hash, {@link ChainHash}). Stateless and thread-safe.
 */
final class Documents {

    static final String SEQ = "seq";
    static final String BODY = "body";
    static final String HASH = "hash";

    private Documents() {
    }

    static void write(Wire wire, long sequence, Bytes<byte[]> body, byte[] hash) {
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
            into.sequence = wire.read(SEQ).int64();
            wire.read(BODY).bytes(into.body);
            into.hash = wire.read(HASH).bytes();
        } catch (RuntimeException e) {
            throw new RecordCodec.MalformedBodyException("document is not a trace record: " + e, e);
        }
        if (into.hash == null || into.hash.length != ChainHash.LENGTH) {
            throw new RecordCodec.MalformedBodyException("document has no 32-byte chain hash");
        }
    }

    /** A document as stored, before decoding; reused by one reading thread. */
    static final class Raw {
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
