package io.llmpolicy.trace.query;

import io.llmpolicy.trace.TraceEntry;
import io.llmpolicy.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A filter over trace records with the semantics of
 * {@code trace query DIR [--since T] [--until T] [--where FIELD=VALUE]...}:
 * <ul>
 *   <li>{@code since} is inclusive and {@code until} exclusive, both compared with the record's start time;</li>
 *   <li>each {@code --where} must hold (AND); a condition holds when any value of the field equals VALUE
 *       exactly (lists: any element; {@link TraceFields#values});</li>
 *   <li>FIELD is a schema field name, a nested key such as {@code llmpolicy.findings.detector}, or a traced
 *       metadata key ({@code team}, or {@code llmpolicy.metadata.team}). A field under {@code llmpolicy.} may
 *       be written without that prefix ({@code action}, {@code route.target}); such a short form wins over a
 *       traced metadata key of the same name, which is then written {@code llmpolicy.metadata.<key>}.</li>
 * </ul>
 * Immutable and thread-safe; {@link #run} reads with its own {@link TraceReader}.
 */
public final class TraceQuery {

    /** Matches every record. */
    public static final TraceQuery ALL = new TraceQuery(null, null, List.of());

    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhd])");

    private final Instant since;
    private final Instant until;
    private final List<Condition> conditions;

    private TraceQuery(Instant since, Instant until, List<Condition> conditions) {
        this.since = since;
        this.until = until;
        this.conditions = List.copyOf(conditions);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One {@code FIELD=VALUE} condition.
     *
     * @param field a schema field name, nested key or traced metadata key
     * @param value compared with each value of the field as text
     */
    public record Condition(String field, String value) {

        public Condition {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("--where needs a field name before '='");
            }
            if (value == null) {
                throw new IllegalArgumentException("--where " + field + " needs a value");
            }
            field = field.trim();
            // Short forms: a field under llmpolicy. may be written without it (action, route.target,
            // findings.detector); a traced attribute of the same name is then written llmpolicy.metadata.<key>.
            if (!looksLikeSchemaField(field) && TraceFields.isSchemaField("llmpolicy." + field)) {
                field = "llmpolicy." + field;
            }
            if (looksLikeSchemaField(field) && !TraceFields.isSchemaField(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'" + suggest(field)
                        + " (traced metadata keys are written as they are, or as llmpolicy.metadata.<key>)");
            }
        }

        /**
         * Parses {@code FIELD=VALUE} (split at the first '=').
         *
         * @throws IllegalArgumentException with a message for the user when malformed or the field is unknown
         */
        public static Condition parse(String expression) {
            int eq = expression.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--where expects FIELD=VALUE, got '" + expression + "'");
            }
            return new Condition(expression.substring(0, eq).trim(), expression.substring(eq + 1));
        }

        /**
         * For a condition read as a traced attribute: the schema fields it may have meant (written short, as in
         * {@code actoin} for {@code action}), to show when a query matched nothing; otherwise empty.
         */
        public List<String> mightHaveMeant() {
            if (looksLikeSchemaField(field) || field.startsWith(TraceFields.METADATA + ".")) {
                return List.of();
            }
            return TraceFields.names().stream()
                    .map(n -> n.startsWith("llmpolicy.") ? n.substring("llmpolicy.".length()) : n)
                    .filter(n -> distance(n, field) <= Math.max(1, Math.min(2, field.length() / 3)))
                    .sorted(Comparator.comparingInt(n -> distance(n, field)))
                    .limit(3).toList();
        }

        boolean matches(TraceEntry e) {
            return TraceFields.values(e, field).contains(value);
        }

        private static boolean looksLikeSchemaField(String field) {
            return field.startsWith("gen_ai.") || field.startsWith("error.")
                    || (field.startsWith("llmpolicy.") && !field.startsWith(TraceFields.METADATA + "."))
                    || field.endsWith("_unix_nano");
        }

        private static String suggest(String field) {
            List<String> close = TraceFields.names().stream()
                    .filter(n -> distance(n, field) <= Math.max(2, field.length() / 4))
                    .sorted(Comparator.comparingInt(n -> distance(n, field)))
                    .limit(5).toList();
            return close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?";
        }
    }

    public Instant since() {
        return since;
    }

    public Instant until() {
        return until;
    }

    public List<Condition> conditions() {
        return conditions;
    }

    public boolean matches(TraceEntry e) {
        long start = e.record().startTimeUnixNano();
        if (since != null && start < nanos(since)) {
            return false;
        }
        if (until != null && start >= nanos(until)) {
            return false;
        }
        for (Condition c : conditions) {
            if (!c.matches(e)) {
                return false;
            }
        }
        return true;
    }

    /** Passes every matching record of {@code reader} to {@code action}; returns how many matched. */
    public long forEach(TraceReader reader, Consumer<? super TraceEntry> action) {
        long[] count = {0};
        Consumer<TraceEntry> filter = e -> {
            if (matches(e)) {
                action.accept(e);
                count[0]++;
            }
        };
        if (since != null) {
            reader.forEachSince(since, filter);
        } else {
            reader.forEach(filter);
        }
        return count[0];
    }

    /**
     * Writes the matching records of the trace directory to {@code out} in {@code format}; returns how many.
     *
     * @throws io.llmpolicy.trace.TraceException if the directory cannot be read
     * @throws IOException                     if {@code out} fails
     */
    public long run(Path directory, QueryFormat format, Appendable out) throws IOException {
        EntrySink sink = EntrySink.of(format, out);
        sink.begin();
        long count;
        try (TraceReader reader = TraceReader.open(directory)) {
            count = forEach(reader, e -> {
                try {
                    sink.accept(e);
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        sink.end();
        return count;
    }

    /**
     * Parses a {@code --since}/{@code --until} argument: an ISO-8601 instant ({@code 2026-11-27T10:00:00Z}), a
     * date-time without zone or a date (both UTC), or a duration back from {@code now}: {@code 30s}, {@code 15m},
     * {@code 2h}, {@code 7d}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parseTime(String text, Instant now) {
        String t = text.trim();
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("cannot read time '" + text + "': use an ISO instant "
                            + "(2026-11-27T10:00:00Z), a UTC date (2026-11-27) or an age (30s, 15m, 2h, 7d)");
                }
            }
        }
    }

    static long nanos(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L) + t.getNano();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private Instant since;
        private Instant until;
        private final List<Condition> conditions = new ArrayList<>();

        private Builder() {
        }

        public Builder since(Instant v) { since = v; return this; }
        public Builder until(Instant v) { until = v; return this; }
        public Builder where(String field, String value) { conditions.add(new Condition(field, value)); return this; }
        /** Adds a {@code FIELD=VALUE} condition; see {@link Condition#parse}. */
        public Builder where(String expression) { conditions.add(Condition.parse(expression)); return this; }

        public TraceQuery build() {
            if (since != null && until != null && !since.isBefore(until)) {
                throw new IllegalArgumentException("--since (" + since + ") must be before --until (" + until + ")");
            }
            return new TraceQuery(since, until, conditions);
        }
    }
}
