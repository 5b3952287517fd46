package io.llmpolicy.trace;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Main class of the child JVMs that {@link MultiProcessTest} starts: opens a writer on a directory, prints
 * {@code ready}, waits for a line on stdin, then appends {@code count} records with request ids
 * {@code <prefix>-<i>} (forever when count is negative, printing {@code writing} after the first 200).
 */
public final class TraceWriterChild {

    private TraceWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        long count = Long.parseLong(args[2]);
        TraceConfig config = TraceConfig.builder(dir).checkpointEvery(100).lockTimeout(Duration.ofMillis(500)).build();
        try (TraceWriter writer = TraceWriter.open(config)) {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            long start = System.currentTimeMillis() * 1_000_000L;
            for (long i = 0; count < 0 || i < count; i++) {
                writer.append(Fixtures.small(prefix + "-" + i, start + i));
                if (i == 200) {
                    System.out.println("writing");
                    System.out.flush();
                }
            }
        }
        System.out.println("done");
    }
}
