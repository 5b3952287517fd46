package io.llmpolicy.trace;

import java.util.List;

/**
 * The outcome of {@link TraceVerifier#verify}. Immutable and thread-safe.
 *
 * @param status             intact, tampered, or unreadable (not a trace directory, I/O error)
 * @param recordsChecked     records whose chain link was recomputed
 * @param firstSequence      sequence of the first record checked, -1 if none
 * @param lastSequence       sequence of the last record checked, -1 if none
 * @param checkpointsChecked checkpoint lines compared against the chain
 * @param signaturesChecked  whether checkpoint signatures were verified (a public key was given)
 * @param problem            the first problem found, null when intact
 * @param notes              observations that are not tampering (anchors used, damaged checkpoint lines, ...)
 */
public record VerifyResult(Status status, long recordsChecked, long firstSequence, long lastSequence,
                           int checkpointsChecked, boolean signaturesChecked, Problem problem, List<String> notes) {

    public enum Status {
        /** Every record checked; exit code 0. */
        INTACT,
        /** A record was modified, removed, reordered or truncated, or a checkpoint is bad; exit code 1. */
        TAMPERED,
        /** The directory could not be read as a trace log at all; exit code 2. */
        UNREADABLE
    }

    /** What kind of damage a {@link Problem} is. */
    public enum Kind {
        /** A record's bytes changed: its chain hash does not match, or a checkpoint disagrees with it. */
        MODIFIED,
        /** Records are missing: a gap in the sequence, or records before the first kept one without a prune entry. */
        REMOVED,
        /** Records are out of order: a sequence appears after a higher one. */
        REORDERED,
        /** Records at the end are missing: a checkpoint names a later sequence than the last record. */
        TRUNCATED,
        /** A document cannot be decoded as a trace record. */
        MALFORMED,
        /** A checkpoint line is unsigned or its signature does not verify under the given key. */
        BAD_CHECKPOINT
    }

    /**
     * Where verification failed first.
     *
     * @param sequence  sequence of the bad record (for TRUNCATED, the first missing sequence); -1 if unknown
     * @param index     Chronicle queue index of the bad record, -1 if not applicable
     * @param file      the cycle file ({@code *.cq4}) or {@code checkpoints.jsonl:<line>} concerned
     * @param message   one sentence for a person
     */
    public record Problem(Kind kind, long sequence, long index, String file, String message) {
    }

    public VerifyResult {
        notes = List.copyOf(notes);
    }

    public boolean intact() {
        return status == Status.INTACT;
    }

    /** 0 intact, 1 tampered, 2 unreadable: the exit code of {@code llmpolicy trace verify}. */
    public int exitCode() {
        return switch (status) {
            case INTACT -> 0;
            case TAMPERED -> 1;
            case UNREADABLE -> 2;
        };
    }

    /** A short report for a terminal: the verdict, then the problem or the range checked, then notes. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        switch (status) {
            case INTACT -> s.append("INTACT: ").append(recordsChecked).append(" records")
                    .append(recordsChecked > 0 ? " (sequence " + firstSequence + ".." + lastSequence + ")" : "")
                    .append(", ").append(checkpointsChecked).append(" checkpoints")
                    .append(signaturesChecked ? ", signatures verified" : ", signatures not checked (no public key)");
            case TAMPERED -> s.append("TAMPERED: ").append(problem.kind().name().toLowerCase())
                    .append(" at sequence ").append(problem.sequence())
                    .append(problem.index() >= 0 ? " (queue index 0x" + Long.toHexString(problem.index()) + ")" : "")
                    .append(" in ").append(problem.file()).append(": ").append(problem.message());
            case UNREADABLE -> s.append("UNREADABLE: ").append(problem.message());
        }
        for (String note : notes) {
            s.append("\n  note: ").append(note);
        }
        return s.toString();
    }
}
