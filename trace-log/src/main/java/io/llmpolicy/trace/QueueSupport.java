package io.llmpolicy.trace;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * Everything that touches Chronicle's builder and file naming, so no Chronicle type leaks into the public API.
 * Every entry point calls {@link #disableAnalytics()} before the first queue is built: Chronicle otherwise sends
 * usage data to an analytics host and writes a client-id file in the home directory, which a compliance log must
 * never do. Stateless and thread-safe.
 */
final class QueueSupport {

    static final String SUFFIX = ".cq4";
    static final String METADATA_FILE = "metadata.cq4t";

    private QueueSupport() {
    }

    static void disableAnalytics() {
        System.setProperty("chronicle.analytics.disable", "true");
    }

    static SingleChronicleQueue openForWrite(TraceConfig config) {
        disableAnalytics();
        Path dir = config.directory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TraceException("cannot create trace directory " + dir + ": " + e.getMessage(), e);
        }
        InstantSource clock = config.clock();
        SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(config.rollCycle().chronicle())
                .timeProvider(timeProvider(clock))
                .timeoutMS(config.lockTimeout().toMillis())
                .syncMode(config.durability() == Durability.PAGE_CACHE ? SyncMode.ASYNC : SyncMode.SYNC);
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new TraceException("cannot open trace directory " + dir + " for writing: " + e.getMessage(), e);
        }
    }

    /** Opens an existing trace directory without writing to it. */
    static SingleChronicleQueue openReadOnly(Path dir) {
        disableAnalytics();
        if (!Files.isDirectory(dir)) {
            throw new TraceException("no such trace directory: " + dir);
        }
        if (!Files.exists(dir.resolve(METADATA_FILE))) {
            throw new TraceException(dir + " is not a trace directory (no " + METADATA_FILE + ")");
        }
        try {
            return SingleChronicleQueueBuilder.binary(dir).readOnly(true).rollCycle(detectRollCycle(dir)).build();
        } catch (RuntimeException e) {
            throw new TraceException("cannot open trace directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The roll cycle whose file-name pattern matches the directory's cycle files (daily when there are none).
     * Chronicle would read it from {@code metadata.cq4t} anyway, but warns when the builder's guess differs.
     */
    static RollCycle detectRollCycle(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length())).limit(1).toList();
            for (String name : names) {
                for (TraceRollCycle candidate : TraceRollCycle.values()) {
                    try {
                        java.time.format.DateTimeFormatter.ofPattern(candidate.chronicle().format())
                                .withZone(java.time.ZoneOffset.UTC).parse(name);
                        return candidate.chronicle();
                    } catch (java.time.format.DateTimeParseException notThisOne) {
                        // try the next pattern
                    }
                }
            }
        } catch (IOException e) {
            throw new TraceException("cannot list trace directory " + dir + ": " + e.getMessage(), e);
        }
        return TraceRollCycle.DAILY.chronicle();
    }

    static TimeProvider timeProvider(InstantSource clock) {
        return clock::millis;
    }

    /** Maps cycle numbers to file names the way Chronicle does, and lists the cycle files of a directory. */
    static final class CycleFiles {
        private final Path dir;
        private final RollingResourcesCache names;

        CycleFiles(SingleChronicleQueue queue) {
            this.dir = queue.file().toPath();
            this.names = new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
                    name -> new File(queue.file(), name + SUFFIX),
                    file -> file.getName().substring(0, file.getName().length() - SUFFIX.length()));
        }

        String fileName(int cycle) {
            return names.resourceFor(cycle).path.getName();
        }

        Path path(int cycle) {
            return dir.resolve(fileName(cycle));
        }

        /**
         * Positions {@code tailer} at the first record of the oldest cycle file that exists. Unlike
         * {@code toStart()}, this does not trust the first cycle remembered in {@code metadata.cq4t}, which a
         * read-only queue never refreshes and which still names a file deleted by hand.
         */
        void moveToFirst(net.openhft.chronicle.queue.ExcerptTailer tailer) {
            for (int cycle : list()) {
                if (tailer.moveToCycle(cycle)) {
                    return;
                }
            }
            tailer.toStart();
        }

        /** Cycles that have a file, ascending. Files whose names do not parse are ignored. */
        List<Integer> list() {
            List<Integer> cycles = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(SUFFIX))
                        .forEach(n -> {
                            try {
                                cycles.add(names.parseCount(n.substring(0, n.length() - SUFFIX.length())));
                            } catch (RuntimeException notACycleFile) {
                                // a stray *.cq4 file that does not match the roll cycle's pattern: not ours
                            }
                        });
            } catch (IOException e) {
                throw new TraceException("cannot list trace directory " + dir + ": " + e.getMessage(), e);
            }
            cycles.sort(null);
            return cycles;
        }
    }
}
