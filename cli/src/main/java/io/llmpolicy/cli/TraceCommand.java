package io.llmpolicy.cli;

import io.llmpolicy.trace.TraceEntry;
import io.llmpolicy.trace.TraceKeys;
import io.llmpolicy.trace.TraceReader;
import io.llmpolicy.trace.TraceRecord;
import io.llmpolicy.trace.TraceVerifier;
import io.llmpolicy.trace.VerifyResult;
import io.llmpolicy.trace.query.QueryFormat;
import io.llmpolicy.trace.query.TraceQuery;
import io.llmpolicy.trace.query.TraceReport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trace", mixinStandardHelpOptions = true, description = "Read, query and verify a trace log directory.",
        subcommands = {TraceCommand.Verify.class, TraceCommand.Tail.class, TraceCommand.Query.class, TraceCommand.Report.class})
final class TraceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: verify, tail, query or report");
    }

    static boolean exists(Path dir) {
        if (Files.isDirectory(dir)) return true;
        System.err.println("llmpolicy trace: no such directory: " + dir);
        return false;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the hash chain and checkpoints. Exit 0 when intact, 1 when any record was modified,",
                    "removed, reordered or truncated (naming the first bad record and its file), 2 when unreadable."})
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "DIR") Path dir;
        @Option(names = "--public-key", paramLabel = "FILE", description = "Ed25519 public key (PEM) to check checkpoint signatures")
        Path publicKey;

        @Override
        public Integer call() throws Exception {
            if (!exists(dir)) return 2;
            VerifyResult r = publicKey == null ? TraceVerifier.verify(dir) : TraceVerifier.verify(dir, TraceKeys.readPublicKey(publicKey));
            System.out.println(r.describe());
            return r.exitCode();
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, description = "Print the last records, then follow new ones (Ctrl-C to stop).")
    static final class Tail implements Callable<Integer> {
        @Parameters(paramLabel = "DIR") Path dir;
        @Option(names = {"-n", "--lines"}, defaultValue = "10", description = "records to show first (default ${DEFAULT-VALUE})") int lines;
        @Option(names = "--no-follow", description = "print the last records and exit") boolean noFollow;

        @Override
        public Integer call() {
            if (!exists(dir)) return 2;
            try (TraceReader reader = TraceReader.open(dir)) {
                if (noFollow) {
                    reader.last(lines).forEach(e -> System.out.println(line(e)));
                } else {
                    reader.follow(lines, e -> System.out.println(line(e)), () -> false, Duration.ofMillis(100));
                }
            }
            return 0;
        }

        static String line(TraceEntry e) {
            TraceRecord r = e.record();
            return String.format(Locale.ROOT, "%s  #%d  %-5s %-14s %-24s in=%d out=%d cost=$%s rules=%s%s",
                    Instant.ofEpochSecond(0, r.startTimeUnixNano()), e.sequence(), r.action(), r.requestId(),
                    r.routeTarget() == null ? "-" : r.routeTarget(), r.inputTokens(), r.outputTokens(),
                    java.math.BigDecimal.valueOf(r.costNanoUsd()).movePointLeft(9).stripTrailingZeros().toPlainString(),
                    r.rulesFired(), r.reasons().isEmpty() ? "" : " reasons=" + r.reasons());
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true, description = "Select records by time and field values.")
    static final class Query implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "DIR") Path dir;
        @Option(names = "--since", paramLabel = "T", description = "ISO instant, date, or an age like 15m, 2h, 7d") String since;
        @Option(names = "--until", paramLabel = "T") String until;
        @Option(names = "--where", paramLabel = "FIELD=VALUE", description = "a schema field (gen_ai.request.model, llmpolicy.action or just action) or a traced attribute (team); repeat to require all")
        List<String> where;
        @Option(names = "--format", defaultValue = "table", description = "table (default), jsonl or csv") String format;

        @Override
        public Integer call() throws Exception {
            if (!exists(dir)) return 2;
            QueryFormat f = switch (format) {
                case "table" -> QueryFormat.TABLE;
                case "jsonl" -> QueryFormat.JSONL;
                case "csv" -> QueryFormat.CSV;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--format is table, jsonl or csv, not " + format);
            };
            TraceQuery.Builder q = TraceQuery.builder();
            Instant now = Instant.now();
            if (since != null) q.since(TraceQuery.parseTime(since, now));
            if (until != null) q.until(TraceQuery.parseTime(until, now));
            if (where != null) for (String w : where) q.where(w);
            PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
            TraceQuery query = q.build();
            long matched = query.run(dir, f, out);
            out.flush();
            if (matched == 0) {
                for (TraceQuery.Condition c : query.conditions()) {
                    List<String> meant = c.mightHaveMeant();
                    if (!meant.isEmpty()) {
                        System.err.println("llmpolicy trace query: no record matched; '" + c.field()
                                + "' was read as a traced attribute — did you mean " + String.join(", ", meant) + "?");
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Cost, tokens, request counts and latency percentiles, grouped by team, model, user or day.")
    static final class Report implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "DIR") Path dir;
        @Option(names = "--by", defaultValue = "team", description = "team (default), model, user or day") String by;
        @Option(names = "--format", defaultValue = "text", description = "text (default) or html") String format;

        @Override
        public Integer call() throws Exception {
            if (!exists(dir)) return 2;
            TraceReport.GroupBy group = switch (by) {
                case "team" -> TraceReport.GroupBy.TEAM;
                case "model" -> TraceReport.GroupBy.MODEL;
                case "user" -> TraceReport.GroupBy.USER;
                case "day" -> TraceReport.GroupBy.DAY;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--by is team, model, user or day, not " + by);
            };
            TraceReport.Format f = switch (format) {
                case "text" -> TraceReport.Format.TEXT;
                case "html" -> TraceReport.Format.HTML;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--format is text or html, not " + format);
            };
            PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
            TraceReport.run(dir, group, TraceQuery.ALL, f, out);
            out.flush();
            return 0;
        }
    }
}
