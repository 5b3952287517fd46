package io.llmpolicy.cli;

import io.llmpolicy.engine.PolicyEngine;
import io.llmpolicy.engine.PolicyLoadException;
import io.llmpolicy.engine.replay.Replay;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay recorded requests (JSONL) through a policy: decide each, complete those with a recorded response.",
                "Writes one JSON decision per input line, in order. A malformed line is reported with its number and skipped;",
                "the run continues and exits 1 at the end."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "the policy")
    Path policy;

    @Option(names = "--requests", required = true, paramLabel = "FILE.jsonl", description = "requests, one JSON object per line")
    Path requests;

    @Option(names = "--out", paramLabel = "FILE.jsonl", description = "write decisions here instead of standard output")
    Path out;

    @Option(names = "--trace-dir", paramLabel = "DIR", description = "also write every decision and outcome to a trace log in DIR")
    Path traceDir;

    @Option(names = "--summary", description = "print totals: requests, allowed, denied, cost by target, decide latency percentiles")
    boolean summary;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(requests)) {
            System.err.println("llmpolicy replay: no such file: " + requests);
            return 2;
        }
        PolicyEngine engine;
        try {
            PolicyEngine.Builder b = PolicyEngine.builder().policy(policy);
            if (traceDir != null) {
                b.traceDir(traceDir);
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                b.traceHmacKey("replay-" + java.time.LocalDate.now(), key); // only used when the policy stores hashes
            }
            engine = b.build();
        } catch (PolicyLoadException e) {
            System.err.print(e.getMessage());
            return 1;
        }
        Replay.Summary sum;
        try (BufferedReader in = Files.newBufferedReader(requests, StandardCharsets.UTF_8);
             Writer w = out != null ? Files.newBufferedWriter(out, StandardCharsets.UTF_8)
                     : new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            sum = Replay.run(engine, in, summary && out == null ? null : w, System.err, null);
            if (summary) {
                if (out == null) w.flush();
                System.out.print(sum.render());
            }
        }
        engine.close();
        return sum.malformed > 0 ? 1 : 0;
    }
}
