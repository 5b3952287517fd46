package io.llmpolicy.cli;

import io.llmpolicy.engine.OfflineEvals;
import io.llmpolicy.engine.PolicyLoadException;
import io.llmpolicy.eval.offline.DatasetException;
import io.llmpolicy.eval.offline.GoldenDataset;
import io.llmpolicy.eval.offline.OfflineRunner;
import io.llmpolicy.eval.report.Comparison;
import io.llmpolicy.eval.report.EvalReport;
import io.llmpolicy.eval.report.ReportFormat;
import io.llmpolicy.eval.report.ReportJson;
import io.llmpolicy.eval.report.ReportWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Run a policy's eval rules over a golden dataset (JSONL lines with a recorded response and optional expected).",
                "Prints pass rates and score distributions; with --baseline compares and exits 1 when a result regressed beyond",
                "the threshold its eval declares (regression max_drop), judged by a significance test."})
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--policy", required = true, paramLabel = "FILE") Path policy;
    @Option(names = "--dataset", required = true, paramLabel = "FILE.jsonl") Path dataset;
    @Option(names = "--baseline", paramLabel = "FILE", description = "a previous report written with --format json") Path baseline;
    @Option(names = "--out", paramLabel = "FILE", description = "write the report here instead of standard output") Path out;
    @Option(names = "--format", defaultValue = "text", description = "text (default), json or html") String format;
    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "load plugins (scorers, functions) from DIR") Path pluginsDir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dataset)) {
            System.err.println("llmpolicy eval: no such file: " + dataset);
            return 2;
        }
        io.llmpolicy.plugin.host.PluginHost host = null;
        if (pluginsDir != null) {
            if (!Files.isDirectory(pluginsDir)) {
                System.err.println("llmpolicy eval: no such directory: " + pluginsDir);
                return 2;
            }
            host = io.llmpolicy.plugin.host.PluginHost.builder().pluginsDirectory(pluginsDir).start();
        }
        try {
            return run(host);
        } finally {
            if (host != null) host.close();
        }
    }

    private int run(io.llmpolicy.plugin.host.PluginHost host) throws Exception {
        ReportFormat f = ReportFormat.parse(format);
        OfflineEvals evals;
        try {
            evals = OfflineEvals.of(policy, host);
        } catch (PolicyLoadException e) {
            System.err.print(e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            System.err.println("llmpolicy eval: " + e.getMessage());
            return 1;
        }
        try (evals) {
            return run(evals, f);
        }
    }

    private int run(OfflineEvals evals, ReportFormat f) throws Exception {
        GoldenDataset data;
        try {
            data = GoldenDataset.read(dataset);
        } catch (DatasetException e) {
            System.err.println("llmpolicy eval: " + e.getMessage());
            return 2;
        }
        EvalReport report;
        if (System.console() != null && data.size() > 0) {
            try (ProgressBar bar = new ProgressBar("eval", data.size())) {
                report = new OfflineRunner(evals.evals()).withProgress((done, total) -> bar.stepTo(done)).run(data);
            }
        } else {
            report = new OfflineRunner(evals.evals()).run(data);
        }
        Comparison comparison = baseline == null ? null : Comparison.of(ReportJson.read(baseline), report, evals.criteria());
        try (Writer w = out != null ? Files.newBufferedWriter(out, StandardCharsets.UTF_8)
                : new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
            ReportWriter.write(report, comparison, f, w);
            w.flush();
        }
        int code = Comparison.exitCode(comparison);
        if (code != 0) System.err.println("llmpolicy eval: a result regressed beyond its declared threshold");
        return code;
    }
}
