package io.llmpolicy.trace.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.llmpolicy.trace.TraceEntry;
import io.llmpolicy.trace.TraceRecord;
import io.llmpolicy.trace.MetaValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders query results in one {@link QueryFormat}. Not thread-safe: one sink per output. */
abstract sealed class EntrySink {

    static final JsonFactory JSON = new JsonFactory();

    final Appendable out;

    EntrySink(Appendable out) {
        this.out = out;
    }

    static EntrySink of(QueryFormat format, Appendable out) {
        return switch (format) {
            case TABLE -> new Table(out);
            case JSONL -> new Jsonl(out);
            case CSV -> new Csv(out);
        };
    }

    void begin() throws IOException {
    }

    abstract void accept(TraceEntry e) throws IOException;

    void end() throws IOException {
    }

    /** JSON text of a list or structured field, for CSV cells. */
    static String structuredJson(TraceEntry e, String field) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            RecordJson.writeStructured(g, e, field);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    static final class Jsonl extends EntrySink {
        private final Writer writer;

        Jsonl(Appendable out) {
            super(out);
            this.writer = AppendableWriter.of(out);
        }

        @Override
        void accept(TraceEntry e) throws IOException {
            JsonGenerator g = JSON.createGenerator(writer);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            RecordJson.writeEntry(g, e);
            g.flush();
            out.append('\n');
        }
    }

    static final class Csv extends EntrySink {
        private static final List<String> STRUCTURED = List.of(TraceFields.RULES_FIRED, TraceFields.REASONS,
                TraceFields.ATTEMPTS, TraceFields.BUDGET_CHARGES, TraceFields.FINDINGS, TraceFields.EVALS,
                TraceFields.METADATA, TraceFields.PROMPT, TraceFields.RESPONSE);

        Csv(Appendable out) {
            super(out);
        }

        @Override
        void begin() throws IOException {
            row(TraceFields.names());
        }

        @Override
        void accept(TraceEntry e) throws IOException {
            List<String> cells = TraceFields.names().stream().map(f -> STRUCTURED.contains(f)
                    ? structuredJson(e, f)
                    : String.join("", TraceFields.values(e, f))).toList();
            row(cells);
        }

        private void row(List<String> cells) throws IOException {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(quote(cells.get(i)));
            }
            out.append("\r\n");
        }

        static String quote(String cell) {
            if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
                return cell;
            }
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
    }

    static final class Table extends EntrySink {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        private static final String[] HEADER = {"TIME", "SEQ", "ACTION", "MODEL", "TEAM", "USER", "IN_TOK", "OUT_TOK",
                "COST_USD", "LATENCY_MS", "REQUEST_ID"};
        private static final int[] WIDTH = {24, 8, 8, 22, 14, 14, 8, 8, 14, 10, 36};

        Table(Appendable out) {
            super(out);
        }

        @Override
        void begin() throws IOException {
            row(HEADER);
        }

        @Override
        void accept(TraceEntry e) throws IOException {
            TraceRecord r = e.record();
            long start = r.startTimeUnixNano();
            row(new String[] {
                    TIME.format(Instant.ofEpochSecond(Math.floorDiv(start, 1_000_000_000L),
                            Math.floorMod(start, 1_000_000_000L))),
                    Long.toString(e.sequence()),
                    orDash(r.action()),
                    orDash(r.responseModel() != null ? r.responseModel() : r.requestModel()),
                    meta(r, "team"),
                    meta(r, "user"),
                    Long.toString(r.inputTokens()),
                    Long.toString(r.outputTokens()),
                    Money.usd(r.costNanoUsd()),
                    String.format(java.util.Locale.ROOT, "%.3f", r.latencyNanos() / 1e6),
                    orDash(r.requestId())});
        }

        private static String meta(TraceRecord r, String key) {
            MetaValue v = TraceFields.metadata(r, key);
            return v == null ? "-" : String.join(",", v.asList());
        }

        private static String orDash(String s) {
            return s == null || s.isEmpty() ? "-" : s;
        }

        private void row(String[] cells) throws IOException {
            StringBuilder line = new StringBuilder(200);
            for (int i = 0; i < cells.length; i++) {
                String c = cells[i];
                if (i == cells.length - 1) {
                    line.append(c);
                    break;
                }
                if (c.length() > WIDTH[i]) {
                    c = c.substring(0, WIDTH[i] - 1) + "~";
                }
                line.append(c).append(" ".repeat(WIDTH[i] - c.length() + 1));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
