package io.llmpolicy.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The trace writer alone, and its stages, on a record shaped like the engine's record for a completed request
 * (policy, a fired rule, route, one attempt, usage, cost, one budget charge, two metadata values).
 * {@code append} is the whole {@link TraceWriter#append}; the other methods take it apart: building the record,
 * encoding the body, the chain hashing, and a bare Chronicle append of the same document (the floor the queue sets).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar TraceWriterBenchmark -prof gc}.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dchronicle.analytics.disable=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TraceWriterBenchmark {
    Path dir;
    TraceWriter writer;
    SingleChronicleQueue rawQueue;
    ExcerptAppender rawAppender;
    TraceRecord record;
    BodyWriter body = new BodyWriter(1024);
    ChainHash chain = new ChainHash();
    byte[] previous = new byte[32];
    /** A whole layout-2 document (header, body, hash) prepared in advance for {@link #chronicleOnly}. */
    byte[] document;
    long sequence;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("trace-writer-bench");
        writer = TraceWriter.open(TraceConfig.builder(dir.resolve("trace")).build());
        rawQueue = QueueSupport.openForWrite(TraceConfig.builder(dir.resolve("raw")).build());
        rawAppender = rawQueue.createAppender();
        rawAppender.singleThreadedCheckDisabled(true);
        record = buildRecord();
        RecordCodec.encode(record, body);
        byte[] doc = new byte[Documents.HEADER_ROOM + body.length() + ChainHash.LENGTH];
        System.arraycopy(body.array(), 0, doc, Documents.HEADER_ROOM, body.length());
        int start = Documents.frame(doc, Documents.HEADER_ROOM, 42, body.length());
        document = java.util.Arrays.copyOfRange(doc, start, doc.length);
    }

    @TearDown(Level.Trial)
    public void close() {
        writer.close();
        rawAppender.close();
        rawQueue.close();
        io.llmpolicy.bench.TempDirs.delete(dir);
    }

    @Benchmark
    public TraceRecord buildRecord() {
        long start = 1_764_000_000_000_000_000L + sequence++;
        return TraceRecord.builder().requestId("req-42").startTimeUnixNano(start).endTimeUnixNano(start + 800_000_000L)
                .policy("bench", "1", "sha256:0f4c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a29181706f5e4d3c2b1a09f8e")
                .rulesFired(java.util.List.of("route:main#3")).action("allow").routeTarget("sonnet")
                .providerName("anthropic").requestModel("claude-sonnet-4").responseModel("claude-sonnet-4")
                .inputTokens(210).outputTokens(120).cachedInputTokens(0).costNanoUsd(2_430_000L)
                .attempt(new Attempt("anthropic", "claude-sonnet-4", null, 800_000_000L))
                .budgetCharge(new BudgetCharge("team_monthly", "team-7", 2_430_000L, BudgetCharge.NANO_USD))
                .metadata("team", "team-7").metadata("user", "u42")
                .build();
    }

    @Benchmark
    public int encode() {
        body.clear();
        RecordCodec.encode(record, body);
        return body.length();
    }

    @Benchmark
    public byte[] hashes() {
        chain.absorbBody(body.array(), 0, body.length());
        previous = chain.finishLink(sequence++, previous);
        return previous;
    }

    /** Chronicle alone: the same document written from bytes prepared in advance (the floor the queue sets). */
    @Benchmark
    public long chronicleOnly() {
        try (DocumentContext dc = rawAppender.writingDocument()) {
            Documents.write(dc.wire(), document, 0, document.length);
            return dc.index();
        }
    }

    @Benchmark
    public long append() {
        return writer.append(record);
    }
}
