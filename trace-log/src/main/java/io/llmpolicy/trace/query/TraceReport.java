package io.llmpolicy.trace.query;

import io.llmpolicy.trace.MetaValue;
import io.llmpolicy.trace.TraceEntry;
import io.llmpolicy.trace.TraceReader;
import io.llmpolicy.trace.TraceRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Totals per group (team, model, user or UTC day): request count, denied and failed requests, tokens, exact cost,
 * and request latency percentiles (end minus start time) from an HdrHistogram with three significant digits, so a
 * percentile is within 0.1% of the exact value. Rendered as text or as a self-contained HTML page with inline SVG
 * charts (no scripts, no external resources).
 *
 * <p>Threading: accumulate ({@link #add}) from one thread; {@link #rows}, {@link #total} and {@link #render} may
 * be called when accumulation is done.
 */
public final class TraceReport {

    /**
     * How records are grouped. TEAM and USER use the traced metadata keys {@code team} and {@code user} (or
     * {@code request.team}, {@code request.user}); MODEL the response model, else the request model; DAY the UTC
     * date of the start time.
     */
    public enum GroupBy { TEAM, MODEL, USER, DAY }

    /** Output format of {@link #render}. */
    public enum Format { TEXT, HTML }

    /** Label for records without a value for the grouping key. */
    public static final String NONE = "(none)";

    /**
     * One group's totals. Latencies in nanoseconds.
     *
     * @param denied requests whose action was {@code deny}
     * @param errors requests that ended with an {@code error.type}
     */
    public record Row(String group, long requests, long denied, long errors, long inputTokens, long outputTokens,
                      long cachedInputTokens, long costNanoUsd, long latencyP50Nanos, long latencyP90Nanos,
                      long latencyP99Nanos, long latencyMaxNanos) {
    }

    private final GroupBy by;
    private final Map<String, Accumulator> groups = new LinkedHashMap<>();
    private final Accumulator total = new Accumulator("TOTAL");
    private long firstStart = Long.MAX_VALUE;
    private long lastStart = Long.MIN_VALUE;

    private TraceReport(GroupBy by) {
        this.by = by;
    }

    /** An empty report to {@link #add} entries to. */
    public static TraceReport of(GroupBy by) {
        return new TraceReport(java.util.Objects.requireNonNull(by, "by"));
    }

    /**
     * Reads the matching records of a trace directory into a report.
     *
     * @throws io.llmpolicy.trace.TraceException if the directory cannot be read
     */
    public static TraceReport build(Path directory, GroupBy by, TraceQuery filter) {
        TraceReport report = of(by);
        try (TraceReader reader = TraceReader.open(directory)) {
            filter.forEach(reader, report::add);
        }
        return report;
    }

    /** Convenience for the CLI: build and render in one call. */
    public static void run(Path directory, GroupBy by, TraceQuery filter, Format format, Appendable out)
            throws IOException {
        build(directory, by, filter).render(format, out);
    }

    public void add(TraceEntry entry) {
        TraceRecord r = entry.record();
        groups.computeIfAbsent(groupOf(r), Accumulator::new).add(r);
        total.add(r);
        firstStart = Math.min(firstStart, r.startTimeUnixNano());
        lastStart = Math.max(lastStart, r.startTimeUnixNano());
    }

    private String groupOf(TraceRecord r) {
        return switch (by) {
            case TEAM -> meta(r, "team");
            case USER -> meta(r, "user");
            case MODEL -> r.responseModel() != null ? r.responseModel()
                    : r.requestModel() != null ? r.requestModel() : NONE;
            case DAY -> Instant.ofEpochSecond(Math.floorDiv(r.startTimeUnixNano(), 1_000_000_000L))
                    .atOffset(ZoneOffset.UTC).toLocalDate().toString();
        };
    }

    private static String meta(TraceRecord r, String key) {
        MetaValue v = TraceFields.metadata(r, key);
        return v == null || v.asList().isEmpty() ? NONE : String.join(",", v.asList());
    }

    /** Groups by cost, highest first (days in date order), ties by name. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Accumulator a : groups.values()) {
            rows.add(a.row());
        }
        Comparator<Row> order = by == GroupBy.DAY ? Comparator.comparing(Row::group)
                : Comparator.comparingLong(Row::costNanoUsd).reversed().thenComparing(Row::group);
        rows.sort(order);
        return rows;
    }

    public Row total() {
        return total.row();
    }

    public GroupBy groupBy() {
        return by;
    }

    public void render(Format format, Appendable out) throws IOException {
        switch (format) {
            case TEXT -> renderText(out);
            case HTML -> new HtmlReport(this).render(out);
        }
    }

    String title() {
        String range = total.requests == 0 ? "no records"
                : total.requests + " requests, " + instant(firstStart) + " .. " + instant(lastStart);
        return "Trace report by " + by.name().toLowerCase(Locale.ROOT) + " (" + range + ")";
    }

    /**
     * A hint when grouping by team or user found no record with that attribute — the policy does not trace it —
     * or null.
     */
    String note() {
        if ((by != GroupBy.TEAM && by != GroupBy.USER) || total.requests == 0 || groups.size() != 1
                || !groups.containsKey(NONE)) {
            return null;
        }
        String key = by.name().toLowerCase(Locale.ROOT);
        return "no record has a " + key + ": the policy does not trace it; add `trace { include request." + key
                + " }` to the policy to group by it";
    }

    private static String instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .toString();
    }

    private void renderText(Appendable out) throws IOException {
        out.append(title()).append('\n');
        String[] header = {by.name(), "REQUESTS", "DENIED", "ERRORS", "IN_TOKENS", "OUT_TOKENS", "COST_USD",
                "P50_MS", "P90_MS", "P99_MS", "MAX_MS"};
        List<String[]> lines = new ArrayList<>();
        lines.add(header);
        for (Row r : rows()) {
            lines.add(cells(r));
        }
        lines.add(cells(total()));
        int[] width = new int[header.length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                if (i == 0) {
                    s.append(l[i]).append(" ".repeat(width[i] - l[i].length()));
                } else {
                    s.append("  ").append(" ".repeat(width[i] - l[i].length())).append(l[i]);
                }
            }
            out.append(s).append('\n');
        }
        String note = note();
        if (note != null) {
            out.append("note: ").append(note).append('\n');
        }
    }

    static String[] cells(Row r) {
        return new String[] {r.group(), Long.toString(r.requests()), Long.toString(r.denied()),
                Long.toString(r.errors()), Long.toString(r.inputTokens()), Long.toString(r.outputTokens()),
                Money.usd(r.costNanoUsd()), millis(r.latencyP50Nanos()), millis(r.latencyP90Nanos()),
                millis(r.latencyP99Nanos()), millis(r.latencyMaxNanos())};
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /** Running totals of one group. */
    private static final class Accumulator {
        final String group;
        final Histogram latency = new Histogram(3);
        long requests;
        long denied;
        long errors;
        long inputTokens;
        long outputTokens;
        long cachedInputTokens;
        long costNanoUsd;

        Accumulator(String group) {
            this.group = group;
        }

        void add(TraceRecord r) {
            requests++;
            if ("deny".equals(r.action())) {
                denied++;
            }
            if (r.errorType() != null) {
                errors++;
            }
            inputTokens += r.inputTokens();
            outputTokens += r.outputTokens();
            cachedInputTokens += r.cachedInputTokens();
            costNanoUsd = Math.addExact(costNanoUsd, r.costNanoUsd());
            latency.recordValue(r.latencyNanos());
        }

        Row row() {
            boolean empty = latency.getTotalCount() == 0;
            return new Row(group, requests, denied, errors, inputTokens, outputTokens, cachedInputTokens,
                    costNanoUsd, empty ? 0 : latency.getValueAtPercentile(50),
                    empty ? 0 : latency.getValueAtPercentile(90), empty ? 0 : latency.getValueAtPercentile(99),
                    empty ? 0 : latency.getMaxValue());
        }
    }
}
