package io.llmpolicy.trace;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Recomputes a trace directory's hash chain and checks it against the checkpoint file.
 *
 * <p>What is detected: a changed record (its chain hash no longer matches, or a checkpoint disagrees); a removed
 * record (a gap in the sequence; records missing before the first kept one unless a {@code prune} entry written by
 * retention anchors the start); reordered records (a sequence out of order); truncation (a checkpoint names a
 * sequence after the last record). With an Ed25519 public key, every checkpoint line must carry a valid signature,
 * so an attacker who rewrites records and recomputes the chain is caught by the signed checkpoints; without a key,
 * such a full rewrite including the checkpoint file cannot be told from the original.
 *
 * <p>Reads the directory read-only; safe to run while writers append (it checks up to the end it sees). Stateless
 * and thread-safe.
 */
public final class TraceVerifier {

    private TraceVerifier() {
    }

    /** Verifies without checking signatures. */
    public static VerifyResult verify(Path directory) {
        return verify(directory, null);
    }

    /**
     * Verifies the chain and, when {@code publicKey} is not null, the signature of every checkpoint line.
     * Never throws for a bad directory: the result says {@link VerifyResult.Status#UNREADABLE}.
     */
    public static VerifyResult verify(Path directory, PublicKey publicKey) {
        SingleChronicleQueue queue;
        CheckpointLog.Contents checkpoints;
        try {
            queue = QueueSupport.openReadOnly(directory);
        } catch (TraceException e) {
            return unreadable(e.getMessage());
        }
        try (queue) {
            checkpoints = CheckpointLog.read(directory);
            return new Run(queue, checkpoints, publicKey).verify();
        } catch (TraceException e) {
            return unreadable(e.getMessage());
        }
    }

    private static VerifyResult unreadable(String message) {
        return new VerifyResult(VerifyResult.Status.UNREADABLE, 0, -1, -1, 0, false,
                new VerifyResult.Problem(VerifyResult.Kind.MALFORMED, -1, -1, "", message), List.of());
    }

    /** One verification pass; single-threaded. */
    private static final class Run {
        private final SingleChronicleQueue queue;
        private final RollCycle rollCycle;
        private final QueueSupport.CycleFiles cycleFiles;
        private final CheckpointLog.Contents checkpoints;
        private final PublicKey publicKey;
        private final Map<Long, List<Checkpoint>> bySequence = new HashMap<>();
        private final List<String> notes = new ArrayList<>();
        private final HexFormat hex = HexFormat.of();
        private final ChainHash chain = new ChainHash();
        private long records;
        private long first = -1;
        private long last = -1;
        private int checkpointsChecked;

        Run(SingleChronicleQueue queue, CheckpointLog.Contents checkpoints, PublicKey publicKey) {
            this.queue = queue;
            this.rollCycle = queue.rollCycle();
            this.cycleFiles = new QueueSupport.CycleFiles(queue);
            this.checkpoints = checkpoints;
            this.publicKey = publicKey;
        }

        VerifyResult verify() {
            for (int line : checkpoints.damagedLines()) {
                notes.add(CheckpointLog.FILE_NAME + ":" + line + " is not a checkpoint entry and was ignored");
            }
            for (Checkpoint c : checkpoints.entries()) {
                if (publicKey != null && !CheckpointLog.signatureValid(c, publicKey)) {
                    return tampered(new VerifyResult.Problem(VerifyResult.Kind.BAD_CHECKPOINT, c.sequence(), -1,
                            checkpointFile(c), c.signature() == null ? "checkpoint is not signed"
                            : "checkpoint signature does not verify under the given public key"));
                }
                bySequence.computeIfAbsent(c.sequence(), s -> new ArrayList<>()).add(c);
            }
            VerifyResult.Problem problem = walk();
            if (problem == null) {
                problem = truncation();
            }
            return problem == null
                    ? new VerifyResult(VerifyResult.Status.INTACT, records, first, last, checkpointsChecked,
                    publicKey != null, null, notes)
                    : tampered(problem);
        }

        private VerifyResult tampered(VerifyResult.Problem problem) {
            return new VerifyResult(VerifyResult.Status.TAMPERED, records, first, last, checkpointsChecked,
                    publicKey != null, problem, notes);
        }

        private VerifyResult.Problem walk() {
            Documents.Raw raw = new Documents.Raw();
            ChainLink previous = null;
            VerifyResult.Problem gap = null;
            long gapFrom = 0;
            try (ExcerptTailer tailer = queue.createTailer()) {
                cycleFiles.moveToFirst(tailer);
                while (true) {
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (!dc.isPresent()) {
                            return gap;
                        }
                        long expected = previous == null ? -1 : previous.sequence() + 1;
                        try {
                            Documents.read(dc, raw);
                        } catch (RecordCodec.MalformedBodyException e) {
                            if (gap != null) {
                                return gap;
                            }
                            return problem(VerifyResult.Kind.MALFORMED, expected, dc.index(),
                                    "the document is not a trace record (" + e.getMessage() + ")");
                        }
                        if (gap != null) {
                            // Only classifying an earlier gap: does a missing sequence turn up later?
                            if (raw.sequence >= gapFrom && raw.sequence < gap.sequence()) {
                                return new VerifyResult.Problem(VerifyResult.Kind.REORDERED, gap.sequence(),
                                        gap.index(), gap.file(), "sequence " + gap.sequence()
                                        + " comes before sequence " + raw.sequence + ": records were reordered");
                            }
                            continue;
                        }
                        if (previous == null) {
                            previous = anchor(raw);
                            if (previous == null) {
                                return problem(VerifyResult.Kind.REMOVED, raw.sequence, raw.index, "the first record"
                                        + " is sequence " + raw.sequence + " but no prune entry from retention "
                                        + "covers sequences before it: records 0.." + (raw.sequence - 1)
                                        + " were removed");
                            }
                            first = raw.sequence;
                        } else if (raw.sequence != expected) {
                            if (raw.sequence < expected) {
                                return problem(VerifyResult.Kind.REORDERED, raw.sequence, raw.index, "sequence "
                                        + raw.sequence + " follows sequence " + previous.sequence());
                            }
                            gap = problem(VerifyResult.Kind.REMOVED, raw.sequence, raw.index, "sequence "
                                    + raw.sequence + " follows sequence " + previous.sequence() + ": records "
                                    + expected + ".." + (raw.sequence - 1) + " are missing");
                            gapFrom = expected;
                            continue;
                        }
                        byte[] expectedHash = chain.link(raw.layout, raw.bodyArray(), 0, raw.bodyLength(),
                                raw.sequence, previous.hash());
                        if (!Arrays.equals(expectedHash, raw.hash)) {
                            return problem(VerifyResult.Kind.MODIFIED, raw.sequence, raw.index, "the chain hash "
                                    + "does not match the record's contents: the record was changed");
                        }
                        try {
                            raw.decode();
                        } catch (RecordCodec.MalformedBodyException e) {
                            return problem(VerifyResult.Kind.MALFORMED, raw.sequence, raw.index,
                                    "the record body cannot be decoded (" + e.getMessage() + ")");
                        }
                        VerifyResult.Problem disagreement = compareWithCheckpoints(raw);
                        if (disagreement != null) {
                            return disagreement;
                        }
                        previous = raw.link();
                        last = raw.sequence;
                        records++;
                    } catch (RuntimeException e) {
                        if (gap != null) {
                            return gap;
                        }
                        long expected = previous == null ? 0 : previous.sequence() + 1;
                        return new VerifyResult.Problem(VerifyResult.Kind.MALFORMED, expected, -1,
                                tailer.cycle() >= 0 ? cycleFiles.fileName(tailer.cycle()) : "",
                                "the queue file cannot be read past sequence " + (expected - 1) + " (" + e + ")");
                    }
                }
            }
        }

        /** The link before the first kept record: genesis for sequence 0, else a prune entry from retention. */
        private ChainLink anchor(Documents.Raw raw) {
            if (raw.sequence == 0) {
                return ChainLink.GENESIS;
            }
            for (Checkpoint c : bySequence.getOrDefault(raw.sequence - 1, List.of())) {
                if (c.kind() == Checkpoint.Kind.PRUNE) {
                    notes.add("verification starts at sequence " + raw.sequence + ", after records removed by "
                            + "retention (" + checkpointFile(c) + ")");
                    checkpointsChecked++;
                    return new ChainLink(c.index(), c.sequence(), hex.parseHex(c.hash()));
                }
            }
            return null;
        }

        private VerifyResult.Problem compareWithCheckpoints(Documents.Raw raw) {
            List<Checkpoint> here = bySequence.get(raw.sequence);
            if (here == null) {
                return null;
            }
            String actual = hex.formatHex(raw.hash);
            for (Checkpoint c : here) {
                checkpointsChecked++;
                if (!c.hash().equals(actual)) {
                    return problem(VerifyResult.Kind.MODIFIED, raw.sequence, raw.index, checkpointFile(c)
                            + " records a different chain hash for this sequence: the log was rewritten");
                }
            }
            return null;
        }

        private VerifyResult.Problem truncation() {
            Checkpoint furthest = null;
            for (Checkpoint c : checkpoints.entries()) {
                if (c.sequence() > last && (furthest == null || c.sequence() > furthest.sequence())) {
                    furthest = c;
                }
            }
            if (furthest == null) {
                return null;
            }
            return new VerifyResult.Problem(VerifyResult.Kind.TRUNCATED, last + 1, -1, furthest.cycleFile(),
                    "the log ends at sequence " + last + " but " + checkpointFile(furthest)
                            + " records sequence " + furthest.sequence() + ": records were truncated");
        }

        private VerifyResult.Problem problem(VerifyResult.Kind kind, long sequence, long index, String message) {
            return new VerifyResult.Problem(kind, sequence, index, cycleFiles.fileName(rollCycle.toCycle(index)),
                    message);
        }

        private static String checkpointFile(Checkpoint c) {
            return CheckpointLog.FILE_NAME + ":" + c.line();
        }
    }
}
