package io.llmpolicy.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {

    @TempDir
    Path dir;

    /** Near the real time: Chronicle's read-only tailer takes slow paths when cycles lie far from its own clock. */
    private final long start = System.currentTimeMillis();
    private final Fixtures.ManualClock clock = new Fixtures.ManualClock(start);

    private TraceWriter writer() {
        return TraceWriter.open(TraceConfig.builder(dir).rollCycle(TraceRollCycle.SECONDLY).clock(clock).build());
    }

    /** Writes {@code n} records starting now, one per 100 ms of the manual clock (10 per one-second cycle). */
    private void write(TraceWriter w, int from, int n) {
        for (int i = from; i < from + n; i++) {
            w.append(Fixtures.small("r" + i, clock.millis() * 1_000_000L));
            clock.advanceMillis(100);
        }
    }

    private static List<String> ids(List<TraceEntry> entries) {
        return entries.stream().map(e -> e.record().requestId()).toList();
    }

    @Test
    void forEachSince_acrossCycles_returnsRecordsStartingAtOrAfter() {
        try (TraceWriter w = writer()) {
            write(w, 0, 35);
        }
        List<TraceEntry> got = new ArrayList<>();
        try (TraceReader r = TraceReader.open(dir)) {
            Instant since = Instant.ofEpochMilli(start + 2_300);
            assertThat(r.forEachSince(since, got::add)).isEqualTo(12);
        }
        assertThat(ids(got)).first().isEqualTo("r23");
        assertThat(ids(got)).last().isEqualTo("r34");
    }

    @Test
    void last_returnsNewestOldestFirst() {
        try (TraceWriter w = writer()) {
            write(w, 0, 25);
        }
        try (TraceReader r = TraceReader.open(dir)) {
            assertThat(ids(r.last(3))).containsExactly("r22", "r23", "r24");
            assertThat(r.last(100)).hasSize(25);
            assertThat(r.last(0)).isEmpty();
        }
    }

    @Test
    void follow_backlogThenNewRecordsAcrossARoll_untilStopped() throws Exception {
        List<TraceEntry> seen = new CopyOnWriteArrayList<>();
        CountDownLatch backlogSeen = new CountDownLatch(2);
        try (TraceWriter w = writer()) {
            write(w, 0, 3);
            CompletableFuture<Long> follower = CompletableFuture.supplyAsync(() -> {
                try (TraceReader r = TraceReader.open(dir)) {
                    return r.follow(2, e -> {
                        seen.add(e);
                        backlogSeen.countDown();
                    }, () -> seen.size() >= 17, Duration.ofMillis(1));
                }
            });
            assertThat(backlogSeen.await(30, TimeUnit.SECONDS)).isTrue();
            write(w, 3, 15); // crosses into the next one-second cycle
            assertThat(follower.get(30, TimeUnit.SECONDS)).isEqualTo(17);
        }
        assertThat(seen).extracting(TraceEntry::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L);
        assertThat(seen.get(0).cycleFile()).isNotEqualTo(seen.get(16).cycleFile());
    }

    @Test
    void open_notATraceDirectory_throwsTraceExceptionNamingIt() {
        assertThatThrownBy(() -> TraceReader.open(dir.resolve("nope")))
                .isInstanceOf(TraceException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> TraceReader.open(dir))
                .isInstanceOf(TraceException.class).hasMessageContaining("not a trace directory");
    }
}
