package io.llmpolicy.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of tampering is detected by the verifier, and names the first bad record and file. */
class TamperTest {

    private static final int RECORDS = 50;

    @TempDir
    Path root;

    private Path original;
    private final Fixtures.ManualClock clock = new Fixtures.ManualClock(Fixtures.T0 / 1_000_000);
    private final KeyPair key = TraceKeys.generate();

    @BeforeEach
    void writeLog() {
        original = root.resolve("original");
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(original).clock(clock).checkpointEvery(10)
                .signingKey(key).build())) {
            for (int i = 0; i < RECORDS; i++) {
                w.append(Fixtures.full(i));
            }
        }
        assertThat(TraceVerifier.verify(original, key.getPublic()).intact()).isTrue();
    }

    @Test
    void verify_verbatimCopy_isIntact() throws Exception {
        Path copy = root.resolve("copy");
        QueueSurgery.rewrite(original, copy, QueueSurgery.documents(original), clock);
        VerifyResult result = TraceVerifier.verify(copy, key.getPublic());
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.recordsChecked()).isEqualTo(RECORDS);
    }

    @Test
    void verify_flippedByte_reportsModifiedRecordAndFile() throws Exception {
        String file = QueueSurgery.flipByteOf(original, "req-17");
        VerifyResult result = TraceVerifier.verify(original, key.getPublic());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.problem().kind()).isEqualTo(VerifyResult.Kind.MODIFIED);
        assertThat(result.problem().sequence()).isEqualTo(17);
        assertThat(result.problem().file()).isEqualTo(file);
        assertThat(result.describe()).contains("TAMPERED", "sequence 17", file);
    }

    @Test
    void verify_deletedRecord_reportsRemoved() throws Exception {
        List<byte[]> docs = new ArrayList<>(QueueSurgery.documents(original));
        docs.remove(20);
        Path copy = root.resolve("copy");
        QueueSurgery.rewrite(original, copy, docs, clock);
        VerifyResult result = TraceVerifier.verify(copy, key.getPublic());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.problem().kind()).isEqualTo(VerifyResult.Kind.REMOVED);
        assertThat(result.problem().sequence()).isEqualTo(21);
        assertThat(result.problem().message()).contains("20..20 are missing");
        assertThat(result.problem().file()).endsWith(".cq4");
    }

    @Test
    void verify_swappedRecords_reportsReordered() throws Exception {
        List<byte[]> docs = new ArrayList<>(QueueSurgery.documents(original));
        Collections.swap(docs, 20, 21);
        Path copy = root.resolve("copy");
        QueueSurgery.rewrite(original, copy, docs, clock);
        VerifyResult result = TraceVerifier.verify(copy, key.getPublic());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.problem().kind()).isEqualTo(VerifyResult.Kind.REORDERED);
        assertThat(result.problem().sequence()).isEqualTo(21);
    }

    @Test
    void verify_truncatedTail_reportsTruncatedWhenACheckpointFollows() throws Exception {
        List<byte[]> docs = QueueSurgery.documents(original).subList(0, 30);
        Path copy = root.resolve("copy");
        QueueSurgery.rewrite(original, copy, docs, clock);
        VerifyResult result = TraceVerifier.verify(copy, key.getPublic());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.problem().kind()).isEqualTo(VerifyResult.Kind.TRUNCATED);
        assertThat(result.problem().sequence()).isEqualTo(30);
        assertThat(result.problem().message()).contains("ends at sequence 29", "records sequence 49");
    }

    @Test
    void verify_chainRecomputedAfterEdit_caughtBySignedCheckpoint() throws Exception {
        // The attacker edits record 15 and re-appends everything with a fresh writer, so the chain itself is
        // consistent, then keeps the original (signed) checkpoint file because it cannot sign a new one.
        List<TraceRecord> records = new ArrayList<>();
        try (TraceReader r = TraceReader.open(original)) {
            r.forEach(e -> records.add(e.record()));
        }
        records.set(15, records.get(15).toBuilder().costNanoUsd(1).build());
        Path forged = root.resolve("forged");
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(forged).clock(clock).checkpointEvery(0).build())) {
            records.forEach(w::append);
        }
        Files.delete(forged.resolve(CheckpointLog.FILE_NAME));
        Files.copy(original.resolve(CheckpointLog.FILE_NAME), forged.resolve(CheckpointLog.FILE_NAME));

        VerifyResult result = TraceVerifier.verify(forged, key.getPublic());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.problem().kind()).isEqualTo(VerifyResult.Kind.MODIFIED);
        assertThat(result.problem().sequence()).isEqualTo(19); // the first checkpoint after the edit
        assertThat(result.problem().message()).contains("checkpoints.jsonl:2");
    }

    @Test
    void verify_unsignedCheckpointWithKey_reportsBadCheckpoint() throws Exception {
        Files.writeString(original.resolve(CheckpointLog.FILE_NAME),
                "{\"kind\":\"checkpoint\",\"sequence\":5,\"index\":5,\"cycle_file\":\"x.cq4\",\"chain_hash\":\""
                        + "00".repeat(32) + "\",\"time_unix_nano\":1}\n", StandardOpenOption.APPEND);
        VerifyResult withKey = TraceVerifier.verify(original, key.getPublic());
        assertThat(withKey.problem().kind()).isEqualTo(VerifyResult.Kind.BAD_CHECKPOINT);
        assertThat(withKey.problem().file()).startsWith("checkpoints.jsonl:");
        VerifyResult otherKey = TraceVerifier.verify(original, TraceKeys.generate().getPublic());
        assertThat(otherKey.problem().kind()).isEqualTo(VerifyResult.Kind.BAD_CHECKPOINT);
        assertThat(otherKey.problem().message()).contains("does not verify");
        // Without a key the forged line is still compared with the chain, and disagrees.
        VerifyResult noKey = TraceVerifier.verify(original);
        assertThat(noKey.problem().kind()).isEqualTo(VerifyResult.Kind.MODIFIED);
        assertThat(noKey.problem().sequence()).isEqualTo(5);
    }

    @Test
    void verify_notATraceDirectory_isUnreadableWithExitCode2() {
        VerifyResult result = TraceVerifier.verify(root.resolve("missing"));
        assertThat(result.status()).isEqualTo(VerifyResult.Status.UNREADABLE);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.describe()).contains("no such trace directory");
    }
}
