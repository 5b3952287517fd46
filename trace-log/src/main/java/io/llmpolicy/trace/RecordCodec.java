package io.llmpolicy.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record body: a compact, versioned, positional binary layout (documented field by field in
 * docs/trace-schema.md, "Body layout v2", with v1 beside it). The body bytes are what the hash chain covers, so
 * encoding (and absorbing the body into the hash) runs before the queue's write lock is taken.
 *
 * <p>Layout rules: the first byte is the layout version; the start time follows as a fixed 8-byte little-endian
 * long (so readers can filter by time without decoding the rest); counts and non-negative integers are unsigned
 * LEB128 varints, other integers zigzag varints (the end time as its distance from the start); doubles are
 * fixed 8-byte little-endian; strings are {@code varint(byteLength + 1)} then WTF-8 bytes, {@code 0} for null
 * ({@link BodyWriter}); the record id, hashes in hex and budget units have compact forms for the values
 * llmpolicy writes (16 UUID bytes, raw digest bytes, a unit code) with plain text as the fallback. Version 2 made
 * the body of a typical record about 30% smaller than version 1 — every byte is hashed on the request thread.
 * Readers decode every version up to {@link #VERSION} and refuse a newer one. Stateless and thread-safe.
 */
final class RecordCodec {

    /** The layout this version writes; {@link #decode} reads every layout up to it. */
    static final int VERSION = 2;
    static final int START_TIME_OFFSET = 1;

    private static final byte CONTENT_NONE = 0;
    private static final byte CONTENT_HMAC = 1;
    private static final byte CONTENT_REDACTED = 2;
    private static final byte CONTENT_FULL = 3;
    private static final byte META_TEXT = 0;
    private static final byte META_LIST = 1;
    private static final byte PASSED_NULL = 2;

    private RecordCodec() {
    }

    static void encode(TraceRecord r, BodyWriter out) {
        // In three parts, each small enough for the JIT to inline the writer's methods into it (one 700-byte
        // method ran out of inlining budget halfway and called the rest).
        encodeDecision(r, out);
        encodeUsage(r, out);
        encodeFindings(r, out);
    }

    /** Fields 1 to 9: times, ids, policy, rules, action, reasons, route. */
    private static void encodeDecision(TraceRecord r, BodyWriter out) {
        out.writeByte((byte) VERSION);
        out.writeLong(r.startTimeUnixNano());
        out.writeZigZag(r.endTimeUnixNano() - r.startTimeUnixNano());
        out.writeRecordId(r.recordId());
        out.writeUniqueString(r.requestId()); // unique per record: caching it would only evict strings that repeat
        out.writeString(r.policy().name());
        out.writeString(r.policy().version());
        out.writeHex(r.policy().hash());
        writeStrings(out, r.rulesFired());
        out.writeString(r.action());
        writeStrings(out, r.reasons());
        out.writeString(r.routeTarget());
    }

    /** Fields 10 to 14: attempts, provider and models, tokens, cost, budget charges. */
    private static void encodeUsage(TraceRecord r, BodyWriter out) {
        out.writeVarLong(r.attempts().size());
        for (int i = 0, n = r.attempts().size(); i < n; i++) { // indexed: no iterator on the hot path
            Attempt a = r.attempts().get(i);
            out.writeString(a.providerName());
            out.writeString(a.model());
            out.writeString(a.errorType());
            out.writeVarLong(a.latencyNanos());
        }
        out.writeString(r.providerName());
        out.writeString(r.requestModel());
        out.writeString(r.responseModel());
        out.writeVarLong(r.inputTokens());
        out.writeVarLong(r.outputTokens());
        out.writeVarLong(r.cachedInputTokens());
        out.writeZigZag(r.costNanoUsd());
        out.writeVarLong(r.budgetCharges().size());
        for (int i = 0, n = r.budgetCharges().size(); i < n; i++) { // indexed: no iterator on the hot path
            BudgetCharge c = r.budgetCharges().get(i);
            out.writeString(c.budget());
            out.writeString(c.key());
            out.writeZigZag(c.amount());
            out.writeUnit(c.unit());
        }
    }

    /** Fields 15 to 19: findings, evals, error, metadata, content. */
    private static void encodeFindings(TraceRecord r, BodyWriter out) {
        out.writeVarLong(r.findings().size());
        for (int i = 0, n = r.findings().size(); i < n; i++) { // indexed: no iterator on the hot path
            Finding f = r.findings().get(i);
            out.writeString(f.detector());
            out.writeByte((byte) f.phase().ordinal());
            out.writeVarLong(f.messageIndex());
            out.writeVarLong(f.start());
            out.writeVarLong(f.end());
            out.writeString(f.action());
        }
        out.writeVarLong(r.evalResults().size());
        for (int i = 0, n = r.evalResults().size(); i < n; i++) { // indexed: no iterator on the hot path
            EvalResult e = r.evalResults().get(i);
            out.writeString(e.name());
            out.writeDouble(e.score());
            out.writeString(e.label());
            out.writeString(e.explanation());
            out.writeByte(e.passed() == null ? PASSED_NULL : (byte) (e.passed() ? 1 : 0));
        }
        out.writeString(r.errorType());
        MetadataMap metadata = (MetadataMap) r.metadata(); // the record's constructor makes every map one
        out.writeVarLong(metadata.size());
        for (int i = 0, n = metadata.size(); i < n; i++) {
            out.writeString(metadata.key(i));
            switch (metadata.value(i)) {
                case MetaValue.Text t -> {
                    out.writeByte(META_TEXT);
                    out.writeString(t.value());
                }
                case MetaValue.TextList l -> {
                    out.writeByte(META_LIST);
                    writeStrings(out, l.values());
                }
            }
        }
        writeContent(out, r.prompt());
        writeContent(out, r.response());
    }

    /**
     * Decodes a body.
     *
     * @throws MalformedBodyException if the bytes are not a body this reader understands
     */
    static TraceRecord decode(byte[] body, int offset, int length) {
        BodyReader in = new BodyReader(body, offset, length);
        try {
            int version = in.readUnsignedByte();
            if (version < 1 || version > VERSION) {
                throw new MalformedBodyException("body layout version " + version + " is not one this reader knows (1 to "
                        + VERSION + ")" + (version > VERSION ? ": written by a newer llmpolicy" : ""));
            }
            boolean v1 = version == 1;
            TraceRecord.Builder b = TraceRecord.builder();
            long start = in.readLong();
            b.startTimeUnixNano(start);
            b.endTimeUnixNano(v1 ? in.readLong() : start + in.readZigZag());
            b.recordId(v1 ? in.readString() : in.readRecordId());
            b.requestId(in.readString());
            b.policy(in.readString(), in.readString(), v1 ? in.readString() : in.readHex());
            b.rulesFired(readStrings(in));
            b.action(in.readString());
            b.reasons(readStrings(in));
            b.routeTarget(in.readString());
            int attempts = count(in);
            for (int i = 0; i < attempts; i++) {
                b.attempt(new Attempt(in.readString(), in.readString(), in.readString(), in.readVarLong()));
            }
            b.providerName(in.readString());
            b.requestModel(in.readString());
            b.responseModel(in.readString());
            b.inputTokens(in.readVarLong());
            b.outputTokens(in.readVarLong());
            b.cachedInputTokens(in.readVarLong());
            b.costNanoUsd(v1 ? in.readLong() : in.readZigZag());
            int charges = count(in);
            for (int i = 0; i < charges; i++) {
                b.budgetCharge(v1 ? new BudgetCharge(in.readString(), in.readString(), in.readLong(), in.readString())
                        : new BudgetCharge(in.readString(), in.readString(), in.readZigZag(), in.readUnit()));
            }
            int findings = count(in);
            Finding.Phase[] phases = Finding.Phase.values();
            for (int i = 0; i < findings; i++) {
                String detector = in.readString();
                int phase = in.readUnsignedByte();
                if (phase >= phases.length) {
                    throw new MalformedBodyException("bad finding phase " + phase);
                }
                b.finding(new Finding(detector, phases[phase], in.readVarInt(), in.readVarInt(),
                        in.readVarInt(), in.readString()));
            }
            int evals = count(in);
            for (int i = 0; i < evals; i++) {
                String name = in.readString();
                double score = in.readDouble();
                String label = in.readString();
                String explanation = in.readString();
                int passed = in.readUnsignedByte();
                b.evalResult(new EvalResult(name, score, label, explanation,
                        passed == PASSED_NULL ? null : passed == 1));
            }
            b.errorType(in.readString());
            int meta = count(in);
            Map<String, MetaValue> metadata = new LinkedHashMap<>();
            for (int i = 0; i < meta; i++) {
                String key = in.readString();
                int kind = in.readUnsignedByte();
                metadata.put(key, switch (kind) {
                    case META_TEXT -> new MetaValue.Text(in.readString());
                    case META_LIST -> new MetaValue.TextList(readStrings(in));
                    default -> throw new MalformedBodyException("bad metadata kind " + kind + " for key " + key);
                });
            }
            b.metadata(metadata);
            b.prompt(readContent(in, v1));
            b.response(readContent(in, v1));
            if (in.remaining() != 0) {
                throw new MalformedBodyException(in.remaining() + " unexpected bytes after the last field");
            }
            return b.build();
        } catch (MalformedBodyException e) {
            throw e;
        } catch (RuntimeException e) {
            // Chronicle signals short or garbled input with assorted runtime exceptions; callers need one type.
            throw new MalformedBodyException("body cannot be decoded: " + e, e);
        }
    }

    /** The start time of an encoded body without decoding the rest, or null if the body is too short. */
    static Long startTimeOf(byte[] body, int offset, int length) {
        if (length < START_TIME_OFFSET + Long.BYTES) {
            return null;
        }
        return new BodyReader(body, offset + START_TIME_OFFSET, Long.BYTES).readLong();
    }

    private static void writeStrings(BodyWriter out, List<String> values) {
        out.writeVarLong(values.size());
        for (int i = 0, n = values.size(); i < n; i++) {
            String s = values.get(i);
            out.writeString(s);
        }
    }

    private static List<String> readStrings(BodyReader in) {
        int n = count(in);
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String s = in.readString();
            if (s == null) {
                throw new MalformedBodyException("null in a string list");
            }
            values.add(s);
        }
        return values;
    }

    private static int count(BodyReader in) {
        long n = in.readVarLong();
        if (n < 0 || n > in.remaining()) {
            throw new MalformedBodyException("bad element count " + n);
        }
        return (int) n;
    }

    private static void writeContent(BodyWriter out, Content content) {
        switch (content) {
            case Content.Omitted o -> out.writeByte(CONTENT_NONE);
            case Content.KeyedHash h -> {
                out.writeByte(CONTENT_HMAC);
                out.writeString(h.keyId());
                out.writeHex(h.hex());
            }
            case Content.Redacted r -> {
                out.writeByte(CONTENT_REDACTED);
                out.writeString(r.text());
            }
            case Content.Full f -> {
                out.writeByte(CONTENT_FULL);
                out.writeString(f.text());
            }
        }
    }

    private static Content readContent(BodyReader in, boolean v1) {
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case CONTENT_NONE -> Content.OMITTED;
            case CONTENT_HMAC -> new Content.KeyedHash(in.readString(), v1 ? in.readString() : in.readHex());
            case CONTENT_REDACTED -> new Content.Redacted(in.readString());
            case CONTENT_FULL -> new Content.Full(in.readString());
            default -> throw new MalformedBodyException("bad content kind " + kind);
        };
    }

    /** A body that is not valid layout v1 (or later). */
    static final class MalformedBodyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedBodyException(String message) {
            super(message);
        }

        MalformedBodyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
