package io.llmpolicy.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several threads and several processes on one trace directory, and writers killed with SIGKILL. */
class MultiProcessTest {

    @TempDir
    Path dir;

    @Test
    void append_manyThreadsAndTwoProcesses_allRecordsPresentAndChainIntact() throws Exception {
        int childRecords = 3000;
        int threads = 4;
        int perThread = 1000;
        Child a = Child.start(dir, "procA", childRecords);
        Child b = Child.start(dir, "procB", childRecords);
        a.await("ready");
        b.await("ready");
        TraceConfig config = TraceConfig.builder(dir).checkpointEvery(100).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (TraceWriter writer = TraceWriter.open(config)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = "thread" + t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        writer.append(Fixtures.small(prefix + "-" + i, Fixtures.T0 + i));
                    }
                    return null;
                }));
            }
            a.go();
            b.go();
            go.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(a.finish()).isZero();
            assertThat(b.finish()).isZero();
        } finally {
            pool.shutdownNow();
        }

        Set<String> expected = new HashSet<>();
        for (String p : List.of("procA", "procB")) {
            for (int i = 0; i < childRecords; i++) {
                expected.add(p + "-" + i);
            }
        }
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                expected.add("thread" + t + "-" + i);
            }
        }
        List<String> ids = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(dir)) {
            reader.forEach(e -> {
                ids.add(e.record().requestId());
                sequences.add(e.sequence());
            });
        }
        assertThat(ids).hasSize(expected.size());
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i);
        }
        VerifyResult result = TraceVerifier.verify(dir);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(expected.size());
        assertThat(result.checkpointsChecked()).isGreaterThan(0);
    }

    @Test
    void kill9_whileWriting_queueReopensVerifiesAndAcceptsWrites() throws Exception {
        TraceConfig config = TraceConfig.builder(dir).checkpointEvery(100).lockTimeout(Duration.ofMillis(400)).build();
        long previousCount = 0;
        for (int round = 0; round < 5; round++) {
            Child child = Child.start(dir, "round" + round, -1);
            child.await("ready");
            child.go();
            child.await("writing");
            child.process.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            VerifyResult afterKill = TraceVerifier.verify(dir);
            assertThat(afterKill.intact()).as("round %d after kill: %s", round, afterKill.describe()).isTrue();
            assertThat(afterKill.recordsChecked()).isGreaterThan(previousCount + 200);

            try (TraceWriter writer = TraceWriter.open(config)) {
                long sequence = writer.append(Fixtures.small("after-kill-" + round, Fixtures.T0));
                assertThat(sequence).isEqualTo(afterKill.lastSequence() + 1);
            }
            VerifyResult afterWrite = TraceVerifier.verify(dir);
            assertThat(afterWrite.intact()).as("round %d after write: %s", round, afterWrite.describe()).isTrue();
            assertThat(afterWrite.recordsChecked()).isEqualTo(afterKill.recordsChecked() + 1);
            previousCount = afterWrite.recordsChecked();
        }
    }

    /** A child JVM running {@link TraceWriterChild} with this JVM's flags and class path. */
    private record Child(Process process, BufferedReader stdout, OutputStream stdin) {

        static Child start(Path dir, String prefix, long count) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-javaagent")) {
                    command.add(arg);
                }
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(TraceWriterChild.class.getName());
            command.add(dir.toString());
            command.add(prefix);
            command.add(Long.toString(count));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new Child(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                    p.getOutputStream());
        }

        void await(String line) throws Exception {
            String got;
            do {
                got = stdout.readLine();
                assertThat(got).as("child exited before printing '%s'", line).isNotNull();
            } while (!got.equals(line));
        }

        void go() throws Exception {
            stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        int finish() throws Exception {
            await("done");
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return process.exitValue();
        }
    }
}
