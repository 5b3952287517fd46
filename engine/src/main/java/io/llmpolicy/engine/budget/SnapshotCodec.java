package io.llmpolicy.engine.budget;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON snapshot format of {@link InMemoryBudgetStore} (documented in {@code docs/budgets.md}). Stateless.
 */
final class SnapshotCodec {

    static final String FORMAT = "llmpolicy-budget-snapshot";
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SnapshotCodec() {
    }

    /** One key's state, copied under its monitor. */
    record Entry(BudgetKey key, BudgetWindow window, long lastSeen, long[] used, long windowStart, long windowEnd,
                 long head, List<long[]> buckets, List<long[]> alerts) {
    }

    static Entry capture(KeyState state) {
        WindowCounter counter = state.counter;
        List<long[]> alerts = new ArrayList<>();
        for (int i = 0; i < counter.alerts.size(); i++) {
            alerts.add(new long[] {counter.alerts.dimensionAt(i), counter.alerts.bpsAt(i),
                counter.alerts.firedAtIndex(i)});
        }
        List<long[]> buckets = new ArrayList<>();
        long start = counter.windowStartMillis();
        long end = 0;
        long head = 0;
        if (counter instanceof CalendarCounter calendar) {
            end = calendar.windowEndMillis();
        } else if (counter instanceof RollingCounter rolling) {
            head = rolling.head();
            rolling.forEachBucket((b, t, n, r) -> buckets.add(new long[] {b, t, n, r}));
        }
        return new Entry(state.key, state.window, state.lastNow, counter.used.clone(), start, end, head, buckets,
                alerts);
    }

    static void write(List<Entry> entries, OutputStream out) throws IOException {
        try (JsonGenerator gen = new JsonFactory().createGenerator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
            gen.writeStartObject();
            gen.writeStringField("format", FORMAT);
            gen.writeNumberField("version", VERSION);
            gen.writeArrayFieldStart("keys");
            for (Entry e : entries) {
                writeEntry(gen, e);
            }
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeRaw('\n');
        }
    }

    private static void writeEntry(JsonGenerator gen, Entry e) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("budget", e.key().budget());
        gen.writeArrayFieldStart("scope");
        for (String value : e.key().scope()) {
            gen.writeString(value);
        }
        gen.writeEndArray();
        gen.writeObjectFieldStart("window");
        switch (e.window()) {
            case CalendarWindow c -> {
                gen.writeStringField("type", "calendar");
                gen.writeStringField("unit", c.unit().name().toLowerCase(Locale.ROOT));
                gen.writeStringField("zone", c.zone().getId());
            }
            case RollingWindow r -> {
                gen.writeStringField("type", "rolling");
                gen.writeNumberField("duration_ms", r.duration().toMillis());
                gen.writeNumberField("buckets", r.buckets());
            }
        }
        gen.writeEndObject();
        gen.writeNumberField("last_seen_ms", e.lastSeen());
        gen.writeNumberField("window_start_ms", e.windowStart());
        if (e.window() instanceof CalendarWindow) {
            gen.writeNumberField("window_end_ms", e.windowEnd());
        }
        gen.writeObjectFieldStart("used");
        for (BudgetDimension d : BudgetDimension.values()) {
            gen.writeNumberField(d.jsonName(), e.used()[d.ordinal()]);
        }
        gen.writeEndObject();
        if (e.window() instanceof RollingWindow r) {
            gen.writeNumberField("bucket_ms", r.bucketMillis());
            gen.writeNumberField("head_bucket", e.head());
            gen.writeArrayFieldStart("buckets");
            for (long[] b : e.buckets()) {
                gen.writeStartObject();
                gen.writeNumberField("bucket", b[0]);
                gen.writeNumberField("tokens", b[1]);
                gen.writeNumberField("nano_usd", b[2]);
                gen.writeNumberField("requests", b[3]);
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        gen.writeArrayFieldStart("alerts_fired");
        for (long[] a : e.alerts()) {
            gen.writeStartObject();
            gen.writeStringField("dimension", BudgetDimension.of((int) a[0]).jsonName());
            gen.writeNumberField("threshold_bps", a[1]);
            gen.writeNumberField("at_ms", a[2]);
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    static List<KeyState> read(InputStream in, String origin) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new BudgetSnapshotException(origin + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new BudgetSnapshotException(origin + ": not a budget snapshot (\"format\" must be \"" + FORMAT
                    + "\")");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new BudgetSnapshotException(origin + ": unsupported snapshot version " + root.path("version")
                    + " (this build reads " + VERSION + ")");
        }
        JsonNode keys = root.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new BudgetSnapshotException(origin + ": \"keys\" must be an array");
        }
        List<KeyState> states = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String where = origin + ": keys[" + i + "]";
            try {
                states.add(readEntry(keys.get(i), where));
            } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
                throw new BudgetSnapshotException(where + ": " + e.getMessage(), e);
            }
        }
        return states;
    }

    private static KeyState readEntry(JsonNode node, String where) throws BudgetSnapshotException {
        String budget = text(node, "budget", where);
        JsonNode scopeNode = node.get("scope");
        if (scopeNode == null || !scopeNode.isArray()) {
            throw new BudgetSnapshotException(where + ".scope: expected an array of strings");
        }
        String[] scope = new String[scopeNode.size()];
        for (int i = 0; i < scope.length; i++) {
            if (!scopeNode.get(i).isTextual()) {
                throw new BudgetSnapshotException(where + ".scope[" + i + "]: expected a string");
            }
            scope[i] = scopeNode.get(i).asText();
        }
        KeyState state = new KeyState(BudgetKey.of(budget, scope));
        JsonNode w = node.get("window");
        if (w == null || !w.isObject()) {
            throw new BudgetSnapshotException(where + ".window: expected an object");
        }
        long lastSeen = number(node, "last_seen_ms", where);
        long windowStart = number(node, "window_start_ms", where);
        JsonNode used = node.get("used");
        if (used == null || !used.isObject()) {
            throw new BudgetSnapshotException(where + ".used: expected an object");
        }
        String type = text(w, "type", where + ".window");
        WindowCounter counter;
        switch (type) {
            case "calendar" -> {
                CalendarUnit unit = CalendarUnit.valueOf(text(w, "unit", where + ".window").toUpperCase(Locale.ROOT));
                CalendarWindow window = new CalendarWindow(unit, ZoneId.of(text(w, "zone", where + ".window")));
                long windowEnd = number(node, "window_end_ms", where);
                if (windowEnd <= windowStart) {
                    throw new BudgetSnapshotException(where + ": window_end_ms must be after window_start_ms");
                }
                CalendarCounter calendar = new CalendarCounter(window, windowStart, windowEnd);
                for (BudgetDimension d : BudgetDimension.values()) {
                    calendar.add(windowStart, d.ordinal(), number(used, d.jsonName(), where + ".used"));
                }
                state.window = window;
                counter = calendar;
            }
            case "rolling" -> {
                RollingWindow window = new RollingWindow(Duration.ofMillis(number(w, "duration_ms", where + ".window")),
                        (int) number(w, "buckets", where + ".window"));
                if (number(node, "bucket_ms", where) != window.bucketMillis()) {
                    throw new BudgetSnapshotException(where + ".bucket_ms: does not match the window ("
                            + window.bucketMillis() + " ms expected)");
                }
                long head = number(node, "head_bucket", where);
                RollingCounter rolling = new RollingCounter(window, head * window.bucketMillis());
                rolling.restoreHead(head);
                JsonNode buckets = node.get("buckets");
                if (buckets == null || !buckets.isArray()) {
                    throw new BudgetSnapshotException(where + ".buckets: expected an array");
                }
                for (int i = 0; i < buckets.size(); i++) {
                    JsonNode b = buckets.get(i);
                    String bw = where + ".buckets[" + i + "]";
                    rolling.restoreBucket(number(b, "bucket", bw), number(b, "tokens", bw), number(b, "nano_usd", bw),
                            number(b, "requests", bw));
                }
                state.window = window;
                counter = rolling;
            }
            default -> throw new BudgetSnapshotException(where + ".window.type: expected \"calendar\" or \"rolling\","
                    + " got \"" + type + "\"");
        }
        JsonNode alerts = node.get("alerts_fired");
        if (alerts != null) {
            for (int i = 0; i < alerts.size(); i++) {
                JsonNode a = alerts.get(i);
                String aw = where + ".alerts_fired[" + i + "]";
                int dimension = BudgetDimension.fromJsonName(text(a, "dimension", aw)).ordinal();
                counter.alerts.record(dimension, (int) number(a, "threshold_bps", aw), number(a, "at_ms", aw));
            }
        }
        state.counter = counter;
        state.lastNow = Math.max(lastSeen, windowStart);
        return state;
    }

    private static String text(JsonNode node, String field, String where) throws BudgetSnapshotException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new BudgetSnapshotException(where + "." + field + ": expected a string");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field, String where) throws BudgetSnapshotException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BudgetSnapshotException(where + "." + field + ": expected a whole number");
        }
        long v = value.asLong();
        if (v < 0 && !field.endsWith("_ms") && !field.equals("bucket") && !field.equals("head_bucket")) {
            throw new BudgetSnapshotException(where + "." + field + ": must be >= 0");
        }
        return v;
    }
}
