package io.llmpolicy.eval.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmpolicy.eval.stats.Interval;
import io.llmpolicy.eval.stats.TestResult;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stable JSON form of a report ({@code docs/evals.md} documents every field). Keys are written in a fixed
 * order, two-space indented, {@code \n} line ends, no timestamps, NaN written as {@code null}, so the same run
 * gives byte-identical output. A file written with a comparison is still readable as a baseline: {@link #read}
 * ignores the {@code comparison} member. Stateless and thread-safe.
 */
public final class ReportJson {

    public static final String FORMAT = "llmpolicy-eval-report";
    public static final int VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    public static String write(EvalReport report, Comparison comparisonOrNull) {
        StringWriter out = new StringWriter();
        write(report, comparisonOrNull, out);
        return out.toString();
    }

    /** Writes the report, and the comparison when not null, to {@code out} (not closed). */
    public static void write(EvalReport report, Comparison comparisonOrNull, Writer out) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        pretty.indentObjectsWith(indenter); // arrays keep Jackson's inline style: [ 0.42, 0.71 ], [ {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(pretty);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeStringField("dataset", report.dataset());
            g.writeNumberField("records", report.records());
            g.writeArrayFieldStart("evals");
            for (EvalSummary e : report.evals()) writeEval(g, e);
            g.writeEndArray();
            if (comparisonOrNull != null) writeComparison(g, comparisonOrNull);
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeEval(JsonGenerator g, EvalSummary e) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", e.eval());
        g.writeNumberField("n", e.n());
        g.writeNumberField("passed", e.passed());
        number(g, "pass_rate", e.passRate());
        interval(g, "pass_rate_ci95", e.passRate95());
        g.writeArrayFieldStart("assertions");
        for (AssertionSummary a : e.assertions()) writeAssertion(g, a);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeAssertion(JsonGenerator g, AssertionSummary a) throws IOException {
        g.writeStartObject();
        g.writeStringField("assertion", a.assertion());
        g.writeStringField("kind", a.kind());
        g.writeNumberField("n", a.n());
        g.writeNumberField("passed", a.passed());
        number(g, "pass_rate", a.passRate());
        interval(g, "pass_rate_ci95", a.passRate95());
        ScoreSummary s = a.scores();
        g.writeObjectFieldStart("scores");
        g.writeNumberField("n", s.n());
        number(g, "mean", s.mean());
        number(g, "variance", s.variance());
        number(g, "min", s.min());
        number(g, "p50", s.p50());
        number(g, "p95", s.p95());
        number(g, "max", s.max());
        g.writeArrayFieldStart("histogram");
        for (long count : s.histogram()) g.writeNumber(count);
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("failures");
        for (Failure f : a.failures()) {
            g.writeStartObject();
            g.writeStringField("id", f.id());
            g.writeStringField("explanation", f.explanation());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeComparison(JsonGenerator g, Comparison c) throws IOException {
        g.writeObjectFieldStart("comparison");
        g.writeStringField("baseline_dataset", c.baselineDataset());
        g.writeBooleanField("regressed", c.regressed());
        g.writeNumberField("exit_code", c.exitCode());
        g.writeArrayFieldStart("rows");
        for (AssertionComparison r : c.rows()) {
            g.writeStartObject();
            g.writeStringField("eval", r.eval());
            g.writeStringField("assertion", r.assertion());
            g.writeStringField("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            number(g, "baseline_pass_rate", r.baseline() == null ? Double.NaN : r.baseline().passRate());
            number(g, "current_pass_rate", r.current() == null ? Double.NaN : r.current().passRate());
            number(g, "pass_rate_delta", r.passRateDelta());
            test(g, "pass_rate_test", r.passRateTest());
            number(g, "baseline_mean_score", r.baseline() == null ? Double.NaN : r.baseline().scores().mean());
            number(g, "current_mean_score", r.current() == null ? Double.NaN : r.current().scores().mean());
            number(g, "mean_score_delta", r.meanScoreDelta());
            test(g, "score_test", r.scoreTest());
            g.writeObjectFieldStart("criteria");
            number(g, "max_pass_rate_drop", r.criteria().maxPassRateDrop());
            number(g, "alpha", r.criteria().alpha());
            number(g, "max_mean_score_drop", r.criteria().maxMeanScoreDrop());
            g.writeEndObject();
            g.writeBooleanField("regressed", r.regressed());
            g.writeStringField("reason", r.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void test(JsonGenerator g, String field, TestResult t) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("method", t.method().label());
        number(g, "statistic", t.statistic());
        number(g, "df", t.degreesOfFreedom());
        number(g, "p_value", t.pValue());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) g.writeNullField(field);
        else g.writeNumberField(field, value);
    }

    private static void interval(JsonGenerator g, String field, Interval i) throws IOException {
        if (Double.isNaN(i.lower())) {
            g.writeNullField(field);
            return;
        }
        g.writeArrayFieldStart(field);
        g.writeNumber(i.lower());
        g.writeNumber(i.upper());
        g.writeEndArray();
    }

    /** Reads a report file, typically a baseline. */
    public static EvalReport read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r);
        } catch (IOException e) {
            throw new ReportFormatException("cannot read report " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a report; the {@code comparison} member, if any, is ignored. */
    public static EvalReport read(Reader reader) {
        JsonNode root;
        try {
            root = MAPPER.readTree(reader);
        } catch (JacksonException e) {
            throw new ReportFormatException("report is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ReportFormatException("cannot read report: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new ReportFormatException("not an eval report: \"format\" must be \"" + FORMAT + "\"");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new ReportFormatException("unsupported report version " + version + " (this build reads " + VERSION + ")");
        }
        List<EvalSummary> evals = new ArrayList<>();
        for (JsonNode e : array(root, "evals")) {
            List<AssertionSummary> assertions = new ArrayList<>();
            for (JsonNode a : array(e, "assertions")) assertions.add(readAssertion(a));
            evals.add(new EvalSummary(text(e, "name"), e.path("n").asLong(), e.path("passed").asLong(),
                    dbl(e, "pass_rate"), readInterval(e.get("pass_rate_ci95")), assertions));
        }
        return new EvalReport(text(root, "dataset"), root.path("records").asLong(), evals);
    }

    private static AssertionSummary readAssertion(JsonNode a) {
        JsonNode s = a.path("scores");
        List<Long> histogram = new ArrayList<>();
        for (JsonNode h : array(s, "histogram")) histogram.add(h.asLong());
        if (histogram.size() != ScoreSummary.BUCKETS) {
            throw new ReportFormatException("assertion " + text(a, "assertion") + ": histogram needs "
                    + ScoreSummary.BUCKETS + " buckets");
        }
        ScoreSummary scores = new ScoreSummary(s.path("n").asLong(), dbl(s, "mean"), dbl(s, "variance"),
                dbl(s, "min"), dbl(s, "p50"), dbl(s, "p95"), dbl(s, "max"), histogram);
        List<Failure> failures = new ArrayList<>();
        for (JsonNode f : array(a, "failures")) failures.add(new Failure(text(f, "id"), text(f, "explanation")));
        long n = a.path("n").asLong();
        long passed = a.path("passed").asLong();
        if (n < 0 || passed < 0 || passed > n) {
            throw new ReportFormatException("assertion " + text(a, "assertion") + ": passed must be in [0, n]");
        }
        return new AssertionSummary(text(a, "assertion"), a.path("kind").asText(""), n, passed,
                dbl(a, "pass_rate"), readInterval(a.get("pass_rate_ci95")), scores, failures);
    }

    private static Iterable<JsonNode> array(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw new ReportFormatException("\"" + field + "\" must be an array");
        return n;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) throw new ReportFormatException("missing string \"" + field + "\"");
        return n.asText();
    }

    private static double dbl(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }

    private static Interval readInterval(JsonNode n) {
        if (n == null || !n.isArray() || n.size() != 2) return Interval.UNDEFINED;
        return new Interval(n.get(0).asDouble(), n.get(1).asDouble());
    }
}
