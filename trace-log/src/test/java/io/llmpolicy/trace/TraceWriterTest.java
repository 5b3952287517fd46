package io.llmpolicy.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
