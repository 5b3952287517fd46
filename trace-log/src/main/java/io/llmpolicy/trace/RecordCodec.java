package io.llmpolicy.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The record body: a compact, versioned, positional binary layout (documented in docs/trace-schema.md, "Body
 * layout v1"). The body bytes are what the hash chain covers, so encoding runs before the queue's write lock is
 * taken and only the 32-byte digest of the body enters the locked section.
 *
 * <p>Layout rules: the first byte is the layout version; start and end time follow as fixed 8-byte little-endian
 * longs (so readers can filter by time without decoding the rest); strings are Chronicle stop-bit-length UTF-8
 * (null distinct from empty); counts and non-negative integers are stop-bit encoded; a later version only appends
 * fields, so a v1 reader can read the prefix of a v2 body. Stateless and thread-safe.
 */
final class RecordCodec {

    static final int VERSION = 1;
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

    static void encode(TraceRecord r, Bytes<?> out) {
        out.writeByte((byte) VERSION);
        out.writeLong(r.startTimeUnixNano());
        out.writeLong(r.endTimeUnixNano());
        out.writeUtf8(r.recordId());
        out.writeUtf8(r.requestId());
        out.writeUtf8(r.policy().name());
        out.writeUtf8(r.policy().version());
        out.writeUtf8(r.policy().hash());
        writeStrings(out, r.rulesFired());
        out.writeUtf8(r.action());
        writeStrings(out, r.reasons());
        out.writeUtf8(r.routeTarget());
        out.writeStopBit(r.attempts().size());
        for (Attempt a : r.attempts()) {
            out.writeUtf8(a.providerName());
            out.writeUtf8(a.model());
            out.writeUtf8(a.errorType());
            out.writeStopBit(a.latencyNanos());
        }
        out.writeUtf8(r.providerName());
        out.writeUtf8(r.requestModel());
        out.writeUtf8(r.responseModel());
        out.writeStopBit(r.inputTokens());
        out.writeStopBit(r.outputTokens());
        out.writeStopBit(r.cachedInputTokens());
        out.writeLong(r.costNanoUsd());
        out.writeStopBit(r.budgetCharges().size());
        for (BudgetCharge c : r.budgetCharges()) {
            out.writeUtf8(c.budget());
            out.writeUtf8(c.key());
            out.writeLong(c.amount());
            out.writeUtf8(c.unit());
        }
        out.writeStopBit(r.findings().size());
        for (Finding f : r.findings()) {
            out.writeUtf8(f.detector());
            out.writeByte((byte) f.phase().ordinal());
            out.writeStopBit(f.messageIndex());
            out.writeStopBit(f.start());
            out.writeStopBit(f.end());
            out.writeUtf8(f.action());
        }
        out.writeStopBit(r.evalResults().size());
        for (EvalResult e : r.evalResults()) {
            out.writeUtf8(e.name());
            out.writeDouble(e.score());
            out.writeUtf8(e.label());
            out.writeUtf8(e.explanation());
            out.writeByte(e.passed() == null ? PASSED_NULL : (byte) (e.passed() ? 1 : 0));
        }
        out.writeUtf8(r.errorType());
        out.writeStopBit(r.metadata().size());
        for (Map.Entry<String, MetaValue> m : r.metadata().entrySet()) {
            out.writeUtf8(m.getKey());
            switch (m.getValue()) {
                case MetaValue.Text t -> {
                    out.writeByte(META_TEXT);
                    out.writeUtf8(t.value());
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
    static TraceRecord decode(Bytes<?> in) {
        try {
            int version = in.readUnsignedByte();
            if (version < 1) {
                throw new MalformedBodyException("unknown body layout version " + version);
            }
            TraceRecord.Builder b = TraceRecord.builder();
            b.startTimeUnixNano(in.readLong());
            b.endTimeUnixNano(in.readLong());
            b.recordId(in.readUtf8());
            b.requestId(in.readUtf8());
            b.policy(in.readUtf8(), in.readUtf8(), in.readUtf8());
            b.rulesFired(readStrings(in));
            b.action(in.readUtf8());
            b.reasons(readStrings(in));
            b.routeTarget(in.readUtf8());
            int attempts = count(in);
            for (int i = 0; i < attempts; i++) {
                b.attempt(new Attempt(in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readStopBit()));
            }
            b.providerName(in.readUtf8());
            b.requestModel(in.readUtf8());
            b.responseModel(in.readUtf8());
            b.inputTokens(in.readStopBit());
            b.outputTokens(in.readStopBit());
            b.cachedInputTokens(in.readStopBit());
            b.costNanoUsd(in.readLong());
            int charges = count(in);
            for (int i = 0; i < charges; i++) {
                b.budgetCharge(new BudgetCharge(in.readUtf8(), in.readUtf8(), in.readLong(), in.readUtf8()));
            }
            int findings = count(in);
            Finding.Phase[] phases = Finding.Phase.values();
            for (int i = 0; i < findings; i++) {
                String detector = in.readUtf8();
                int phase = in.readUnsignedByte();
                if (phase >= phases.length) {
                    throw new MalformedBodyException("bad finding phase " + phase);
                }
                b.finding(new Finding(detector, phases[phase], (int) in.readStopBit(), (int) in.readStopBit(),
                        (int) in.readStopBit(), in.readUtf8()));
            }
            int evals = count(in);
            for (int i = 0; i < evals; i++) {
                String name = in.readUtf8();
                double score = in.readDouble();
                String label = in.readUtf8();
                String explanation = in.readUtf8();
                int passed = in.readUnsignedByte();
                b.evalResult(new EvalResult(name, score, label, explanation,
                        passed == PASSED_NULL ? null : passed == 1));
            }
            b.errorType(in.readUtf8());
            int meta = count(in);
            Map<String, MetaValue> metadata = new LinkedHashMap<>();
            for (int i = 0; i < meta; i++) {
                String key = in.readUtf8();
                int kind = in.readUnsignedByte();
                metadata.put(key, switch (kind) {
                    case META_TEXT -> new MetaValue.Text(in.readUtf8());
                    case META_LIST -> new MetaValue.TextList(readStrings(in));
                    default -> throw new MalformedBodyException("bad metadata kind " + kind + " for key " + key);
                });
            }
            b.metadata(metadata);
            b.prompt(readContent(in));
            b.response(readContent(in));
            return b.build();
        } catch (MalformedBodyException e) {
            throw e;
        } catch (RuntimeException e) {
            // Chronicle signals short or garbled input with assorted runtime exceptions; callers need one type.
            throw new MalformedBodyException("body cannot be decoded: " + e, e);
        }
    }

    /** The start time of an encoded body without decoding the rest. */
    static long startTimeOf(Bytes<?> body) {
        return body.readLong(body.readPosition() + START_TIME_OFFSET);
    }

    private static void writeStrings(Bytes<?> out, List<String> values) {
        out.writeStopBit(values.size());
        for (String s : values) {
            out.writeUtf8(s);
        }
    }

    private static List<String> readStrings(Bytes<?> in) {
        int n = count(in);
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String s = in.readUtf8();
            if (s == null) {
                throw new MalformedBodyException("null in a string list");
            }
            values.add(s);
        }
        return values;
    }

    private static int count(Bytes<?> in) {
        long n = in.readStopBit();
        if (n < 0 || n > in.readRemaining()) {
            throw new MalformedBodyException("bad element count " + n);
        }
        return (int) n;
    }

    private static void writeContent(Bytes<?> out, Content content) {
        switch (content) {
            case Content.Omitted o -> out.writeByte(CONTENT_NONE);
            case Content.KeyedHash h -> {
                out.writeByte(CONTENT_HMAC);
                out.writeUtf8(h.keyId());
                out.writeUtf8(h.hex());
            }
            case Content.Redacted r -> {
                out.writeByte(CONTENT_REDACTED);
                out.writeUtf8(r.text());
            }
            case Content.Full f -> {
                out.writeByte(CONTENT_FULL);
                out.writeUtf8(f.text());
            }
        }
    }

    private static Content readContent(Bytes<?> in) {
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case CONTENT_NONE -> Content.OMITTED;
            case CONTENT_HMAC -> new Content.KeyedHash(in.readUtf8(), in.readUtf8());
            case CONTENT_REDACTED -> new Content.Redacted(in.readUtf8());
            case CONTENT_FULL -> new Content.Full(in.readUtf8());
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
