package io.llmpolicy.trace;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * One line of {@code checkpoints.jsonl}: a statement that the record with {@code sequence} at queue
 * {@code index} in {@code cycleFile} has chain hash {@code hash}. Kinds: {@code checkpoint} (every N records),
 * {@code roll} (last record of a cycle, written when the next cycle starts), {@code close} (writer closed) and
 * {@code prune} (last record of a cycle that retention is about to delete: the anchor verification starts from).
 * Immutable and thread-safe.
 *
 * @param line        1-based line number in the file when read back, 0 when not read from a file
 * @param signature   Ed25519 signature over {@link #signedPayload()}, or null when unsigned
 */
record Checkpoint(Kind kind, long sequence, long index, String cycleFile, String hash, long timeUnixNano,
                  List<String> deleted, String keyId, byte[] signature, int line) {

    enum Kind {
        CHECKPOINT("checkpoint"), ROLL("roll"), CLOSE("close"), PRUNE("prune");

        final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.wireName.equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown checkpoint kind '" + s + "'");
        }
    }

    Checkpoint {
        deleted = deleted == null ? List.of() : List.copyOf(deleted);
    }

    static Checkpoint of(Kind kind, ChainLink link, String cycleFile, long timeUnixNano, List<String> deleted) {
        return new Checkpoint(kind, link.sequence(), link.index(), cycleFile, HexFormat.of().formatHex(link.hash()),
                timeUnixNano, deleted, null, null, 0);
    }

    Checkpoint signed(String keyId, byte[] signature) {
        return new Checkpoint(kind, sequence, index, cycleFile, hash, timeUnixNano, deleted, keyId, signature, line);
    }

    Checkpoint atLine(int line) {
        return new Checkpoint(kind, sequence, index, cycleFile, hash, timeUnixNano, deleted, keyId, signature, line);
    }

    /** The exact bytes a signature covers: every field except the signature, one per line, fixed order. */
    byte[] signedPayload() {
        String text = "llmpolicy-trace-checkpoint/1\n" + kind.wireName + '\n' + sequence + '\n' + index + '\n'
                + cycleFile + '\n' + hash + '\n' + timeUnixNano + '\n' + String.join(",", deleted) + '\n'
                + (keyId == null ? "" : keyId);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
