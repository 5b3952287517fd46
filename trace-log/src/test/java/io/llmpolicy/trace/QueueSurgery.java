package io.llmpolicy.trace;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/** What an attacker with write access to the directory can do, done with Chronicle directly. */
final class QueueSurgery {

    private QueueSurgery() {
    }

    /** The raw bytes of every document, in queue order. */
    static List<byte[]> documents(Path dir) {
        QueueSupport.disableAnalytics();
        List<byte[]> docs = new ArrayList<>();
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).readOnly(true).build();
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return docs;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    byte[] doc = new byte[(int) b.readRemaining()];
                    b.read(doc);
                    docs.add(doc);
                }
            }
        }
    }

    /** Writes documents verbatim to a new trace directory and copies the checkpoint file. */
    static void rewrite(Path from, Path to, List<byte[]> docs, InstantSource clock) throws IOException {
        QueueSupport.disableAnalytics();
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(to)
                .rollCycle(TraceRollCycle.DAILY.chronicle())
                .timeProvider(QueueSupport.timeProvider(clock)).build();
             ExcerptAppender a = q.createAppender()) {
            for (byte[] doc : docs) {
                a.writeBytes(Bytes.wrapForRead(doc));
            }
        }
        Files.copy(from.resolve(CheckpointLog.FILE_NAME), to.resolve(CheckpointLog.FILE_NAME));
    }

    /** Flips the low bit of the first byte of the first occurrence of {@code marker} in the only cycle file. */
    static String flipByteOf(Path dir, String marker) throws IOException {
        Path file;
        try (var files = Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] content = Files.readAllBytes(file);
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(content, needle);
        if (at < 0) {
            throw new IllegalStateException(marker + " not found in " + file);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            raf.write(content[at] ^ 1);
        }
        return file.getFileName().toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
