package io.llmpolicy.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention deletes whole old cycles (one-second cycles, injected clock) and verification still passes. */
class RetentionTest {

    private static final int PER_CYCLE = 5;

    @TempDir
    Path dir;

    private final Fixtures.ManualClock clock = new Fixtures.ManualClock(Fixtures.T0 / 1_000_000);

    private TraceConfig.Builder config(Retention retention) {
        return TraceConfig.builder(dir).rollCycle(TraceRollCycle.SECONDLY).clock(clock).checkpointEvery(0)
                .retention(retention);
    }

    /** Appends PER_CYCLE records in each of {@code cycles} consecutive one-second cycles. */
    private void writeCycles(TraceWriter w, int cycles, int firstRecord) {
        int n = firstRecord;
        for (int c = 0; c < cycles; c++) {
            for (int i = 0; i < PER_CYCLE; i++) {
                w.append(Fixtures.small("r" + n, clock.millis() * 1_000_000L));
                n++;
            }
            clock.advanceMillis(1000);
        }
    }

    private List<String> cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    @Test
    void maxCycles_deletesOldestOnRoll_verifyStartsFromPruneEntry() throws Exception {
        try (TraceWriter w = TraceWriter.open(config(Retention.maxCycles(3)).build())) {
            writeCycles(w, 10, 0);
        }
        assertThat(cycleFiles()).hasSize(3);
        VerifyResult result = TraceVerifier.verify(dir);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.firstSequence()).isEqualTo(7 * PER_CYCLE);
        assertThat(result.lastSequence()).isEqualTo(10 * PER_CYCLE - 1);
        assertThat(result.notes()).anyMatch(n -> n.contains("removed by retention"));
        List<String> ids = new ArrayList<>();
        try (TraceReader r = TraceReader.open(dir)) {
            r.forEach(e -> ids.add(e.record().requestId()));
        }
        assertThat(ids).first().isEqualTo("r35");
        assertThat(ids).hasSize(3 * PER_CYCLE);
    }

    @Test
    void maxAge_sweepOnOpen_deletesCyclesThatEndedLongerAgo() throws Exception {
        try (TraceWriter w = TraceWriter.open(config(Retention.KEEP_ALL).build())) {
            writeCycles(w, 10, 0);
        }
        List<String> before = cycleFiles();
        assertThat(before).hasSize(10);
        // Now = start of cycle 10; cycles 0..5 ended at least 4 s ago.
        List<String> deleted;
        try (TraceWriter w = TraceWriter.open(config(Retention.maxAge(Duration.ofSeconds(4))).build())) {
            deleted = w.sweepRetention(); // the sweep on open already ran: nothing left to do
            assertThat(deleted).isEmpty();
            w.append(Fixtures.small("after", clock.millis() * 1_000_000L));
        }
        assertThat(cycleFiles()).containsExactlyElementsOf(
                Stream.concat(before.subList(6, 10).stream(), Stream.of(newestName())).distinct().sorted().toList());
        VerifyResult result = TraceVerifier.verify(dir);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.firstSequence()).isEqualTo(6 * PER_CYCLE);
        assertThat(result.lastSequence()).isEqualTo(10 * PER_CYCLE);
    }

    private String newestName() throws IOException {
        List<String> files = cycleFiles();
        return files.get(files.size() - 1);
    }

    @Test
    void sweep_neverDeletesTheNewestCycleWithRecords() throws Exception {
        try (TraceWriter w = TraceWriter.open(config(Retention.KEEP_ALL).build())) {
            writeCycles(w, 3, 0);
        }
        clock.advanceMillis(3_600_000); // an hour idle: every cycle is older than the limit
        try (TraceWriter w = TraceWriter.open(config(Retention.maxAge(Duration.ofSeconds(1))).build())) {
            assertThat(cycleFiles()).hasSize(1);
            // The chain continues from the kept cycle; starting a new cycle then lets that one go too.
            assertThat(w.append(Fixtures.small("later", clock.millis() * 1_000_000L))).isEqualTo(3 * PER_CYCLE);
        }
        assertThat(cycleFiles()).hasSize(1);
        VerifyResult result = TraceVerifier.verify(dir);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.firstSequence()).isEqualTo(3 * PER_CYCLE);
        assertThat(result.recordsChecked()).isEqualTo(1);
    }

    @Test
    void verify_oldestCycleDeletedWithoutRetention_reportsRemoved() throws Exception {
        try (TraceWriter w = TraceWriter.open(config(Retention.KEEP_ALL).build())) {
            writeCycles(w, 3, 0);
        }
        String oldest = cycleFiles().get(0);
        Files.delete(dir.resolve(oldest));
        VerifyResult result = TraceVerifier.verify(dir);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.problem().kind()).isEqualTo(VerifyResult.Kind.REMOVED);
        assertThat(result.problem().sequence()).isEqualTo(PER_CYCLE);
        assertThat(result.problem().message()).contains("no prune entry");
    }

    @Test
    void verify_middleCycleDeleted_reportsGap() throws Exception {
        try (TraceWriter w = TraceWriter.open(config(Retention.KEEP_ALL).build())) {
            writeCycles(w, 3, 0);
        }
        Files.delete(dir.resolve(cycleFiles().get(1)));
        VerifyResult result = TraceVerifier.verify(dir);
        assertThat(result.problem().kind()).isEqualTo(VerifyResult.Kind.REMOVED);
        assertThat(result.problem().sequence()).isEqualTo(2 * PER_CYCLE);
        assertThat(result.problem().file()).isEqualTo(cycleFiles().get(1));
    }
}
