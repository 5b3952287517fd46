package io.llmpolicy.trace;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TraceWriterTest {

    @TempDir
    Path dir;

    @Test
    void append_everyField_readsBackEqual() {
        List<TraceRecord> written = new ArrayList<>();
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).build())) {
            for (int i = 0; i < 20; i++) {
                TraceRecord r = Fixtures.full(i);
                written.add(r);
                assertThat(w.append(r)).isEqualTo(i);
            }
        }
        List<TraceEntry> read = new ArrayList<>();
        try (TraceReader r = TraceReader.open(dir)) {
            r.forEach(read::add);
        }
        assertThat(read).extracting(TraceEntry::record).containsExactlyElementsOf(written);
        assertThat(read).extracting(TraceEntry::sequence).containsExactly(
                0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        assertThat(read.get(0).cycleFile()).endsWith(".cq4");
        assertThat(TraceVerifier.verify(dir).describe()).startsWith("INTACT: 20 records");
    }

    @Test
    void open_existingDirectory_continuesSequenceAndChain() {
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).build())) {
            w.append(Fixtures.full(0));
            w.append(Fixtures.full(1));
        }
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).build())) {
            assertThat(w.append(Fixtures.full(2))).isEqualTo(2);
        }
        VerifyResult result = TraceVerifier.verify(dir);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void append_eachDurability_writesRecordsAndPeriodicCheckpoints(Durability durability) throws Exception {
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).durability(durability).checkpointEvery(4).build())) {
            for (int i = 0; i < 10; i++) {
                w.append(Fixtures.full(i));
            }
        }
        List<String> lines = Files.readAllLines(dir.resolve(CheckpointLog.FILE_NAME));
        assertThat(lines).hasSize(3); // after sequences 3 and 7, and on close at 9
        assertThat(lines.get(0)).contains("\"kind\":\"checkpoint\"", "\"sequence\":3");
        assertThat(lines.get(2)).contains("\"kind\":\"close\"", "\"sequence\":9");
        VerifyResult result = TraceVerifier.verify(dir);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.checkpointsChecked()).isEqualTo(3);
    }

    @Test
    void checkpoint_onDemand_namesTheLastRecord() throws Exception {
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).checkpointEvery(0).build())) {
            w.checkpoint(); // nothing appended yet: nothing to state
            w.append(Fixtures.full(0));
            w.append(Fixtures.full(1));
            w.checkpoint();
            assertThat(Files.readAllLines(dir.resolve(CheckpointLog.FILE_NAME)))
                    .singleElement().asString().contains("\"sequence\":1");
        }
    }

    @Test
    void open_checkpointFileWithTornLastLine_keepsNewEntriesOnTheirOwnLines() throws Exception {
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).checkpointEvery(1).build())) {
            w.append(Fixtures.full(0));
        }
        Files.writeString(dir.resolve(CheckpointLog.FILE_NAME), "{\"kind\":\"checkp", StandardOpenOption.APPEND);
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).checkpointEvery(1).build())) {
            w.append(Fixtures.full(1));
        }
        VerifyResult result = TraceVerifier.verify(dir);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.notes()).singleElement().asString().contains("checkpoints.jsonl:3", "ignored");
        assertThat(result.checkpointsChecked()).isEqualTo(4);
    }

    @Test
    void append_afterClose_throwsTraceException() {
        TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).build());
        w.close();
        w.close(); // idempotent
        assertThatThrownBy(() -> w.append(Fixtures.full(0)))
                .isInstanceOf(TraceException.class).hasMessageContaining("closed");
    }

    @Test
    void record_badValues_areRejectedWithMessages() {
        assertThatThrownBy(() -> Fixtures.full(0).toBuilder().inputTokens(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token counts");
        assertThatThrownBy(() -> new Finding("pii", Finding.Phase.INPUT, 0, 5, 2, "redact"))
                .hasMessageContaining("bad span");
        assertThatThrownBy(() -> TraceRecord.builder().recordId("").build()).hasMessageContaining("record id");
        assertThat(TraceRecord.builder().startTimeUnixNano(Fixtures.T0).build().recordId()).hasSize(36);
    }

    @Test
    void open_disablesChronicleAnalyticsBeforeBuildingTheQueue() {
        String before = System.clearProperty("chronicle.analytics.disable");
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).build())) {
            assertThat(System.getProperty("chronicle.analytics.disable")).isEqualTo("true");
        } finally {
            if (before != null) {
                System.setProperty("chronicle.analytics.disable", before);
            }
        }
    }

    @Test
    void append_afterAForeignDocument_failsCleanlyAndReleasesTheLock() {
        QueueSupport.disableAnalytics();
        try (var q = net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder.binary(dir).build();
             var a = q.createAppender()) {
            a.writeText("not a trace record");
        }
        TraceConfig config = TraceConfig.builder(dir).lockTimeout(java.time.Duration.ofMillis(200)).build();
        try (TraceWriter w = TraceWriter.open(config)) {
            for (int attempt = 0; attempt < 2; attempt++) { // a leaked lock would time out on the second attempt
                assertThatThrownBy(() -> w.append(Fixtures.full(0)))
                        .isInstanceOf(TraceException.class).hasMessageContaining("damaged");
            }
        }
        VerifyResult result = TraceVerifier.verify(dir);
        assertThat(result.problem().kind()).isEqualTo(VerifyResult.Kind.MALFORMED);
        assertThat(result.recordsChecked()).isZero();
    }

    /** Directories written by earlier versions (documents as three wire fields) still read, verify and continue. */
    @Test
    void layout1Documents_readVerifyAndContinue() {
        List<TraceRecord> written = new ArrayList<>();
        TraceConfig config = TraceConfig.builder(dir).build();
        try (var q = QueueSupport.openForWrite(config); var a = q.createAppender()) {
            ChainHash chain = new ChainHash();
            byte[] previous = new byte[ChainHash.LENGTH];
            for (int i = 0; i < 3; i++) {
                TraceRecord r = Fixtures.full(i);
                written.add(r);
                BodyWriter body = new BodyWriter(64);
                RecordCodec.encode(r, body);
                byte[] bytes = java.util.Arrays.copyOf(body.array(), body.length());
                previous = chain.linkLayout1(previous, i, chain.bodyDigest(bytes, 0, bytes.length).clone());
                try (var dc = a.writingDocument()) {
                    Documents.writeLayout1(dc.wire(), i, net.openhft.chronicle.bytes.Bytes.wrapForRead(bytes), previous);
                }
            }
        }
        try (TraceWriter w = TraceWriter.open(config)) {
            written.add(Fixtures.full(3));
            assertThat(w.append(Fixtures.full(3))).as("the chain continues from a layout-1 record").isEqualTo(3);
        }
        List<TraceEntry> read = new ArrayList<>();
        try (TraceReader r = TraceReader.open(dir)) {
            r.forEach(read::add);
        }
        assertThat(read).extracting(TraceEntry::record).containsExactlyElementsOf(written);
        assertThat(TraceVerifier.verify(dir).describe()).startsWith("INTACT: 4 records");
    }

    @Test
    void pretouch_readsAheadOfTheWriter_andNeverChangesRecords() {
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).build())) {
            for (int i = 0; i < 50; i++) {
                w.append(Fixtures.full(i));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (w.toucher().touchedUpTo() < PageToucher.AHEAD_BYTES && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(w.toucher().touchedUpTo()).as("pages up to 8 MiB ahead are read").isGreaterThanOrEqualTo(PageToucher.AHEAD_BYTES);
            if (System.getProperty("os.name").startsWith("Linux")) {
                while (w.toucher().populateCalls() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(w.toucher().populateCalls()).as("the writer's mapping is populated ahead").isPositive();
            }
        }
        assertThat(TraceVerifier.verify(dir).describe()).startsWith("INTACT: 50 records");
        try (TraceWriter w = TraceWriter.open(TraceConfig.builder(dir).pretouch(false).build())) {
            assertThat(w.toucher()).isNull();
            assertThat(w.append(Fixtures.full(50))).isEqualTo(50);
        }
    }

    /** After a roll the toucher follows the writer into the new cycle's file. */
    @Test
    void pretouch_followsTheWriterAcrossARoll() {
        Fixtures.ManualClock clock = new Fixtures.ManualClock(System.currentTimeMillis());
        TraceConfig config = TraceConfig.builder(dir).rollCycle(TraceRollCycle.SECONDLY).clock(clock).build();
        try (TraceWriter w = TraceWriter.open(config)) {
            w.append(Fixtures.small("a", clock.millis() * 1_000_000L));
            clock.advanceMillis(2_000);
            w.append(Fixtures.small("b", clock.millis() * 1_000_000L));
            int newCycle = (int) (clock.millis() / 1_000);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (w.toucher().touchedCycle() != newCycle && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(w.toucher().touchedCycle()).isEqualTo(newCycle);
        }
        assertThat(TraceVerifier.verify(dir).describe()).startsWith("INTACT: 2 records");
    }
}
