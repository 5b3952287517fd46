package io.llmpolicy.eval.offline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A golden dataset: JSON Lines, one request per line, shaped like a replay request plus its recorded response:
 * <pre>
 * {"id":"r1","model":"gpt-4o","messages":[{"role":"user","content":"..."}],
 *  "response":{"content":"...","latency_ms":812,"usage":{"prompt_tokens":20,"completion_tokens":9}},
 *  "expected":"..."}
 * </pre>
 * Required: {@code id} (string, unique) and {@code response.content}. Content, in messages and response alike, is
 * a string or an array of parts whose {@code text} fields are concatenated (OpenAI style). Optional:
 * {@code expected} (a string, or any other JSON value, which is used as its compact JSON text),
 * {@code response.latency_ms}, {@code response.cost_nano_usd} or {@code response.cost_usd} (decimal dollars,
 * converted to nano-USD exactly, half-up), {@code response.usage}. Blank lines are skipped; anything else that is
 * wrong is a {@link DatasetException} naming the line. Immutable once read.
 */
public final class GoldenDataset {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<GoldenRecord> records;

    private GoldenDataset(String name, List<GoldenRecord> records) {
        this.name = name;
        this.records = List.copyOf(records);
    }

    /** Reads a dataset file; its name in reports is the file name. */
    public static GoldenDataset read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.getFileName().toString(), r);
        } catch (IOException e) {
            throw new DatasetException(0, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a dataset from {@code reader} (not closed). */
    public static GoldenDataset read(String name, Reader reader) {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<GoldenRecord> records = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        long lineNo = 0;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                GoldenRecord rec = parse(line, lineNo);
                if (!ids.add(rec.id())) throw new DatasetException(lineNo, "duplicate id \"" + rec.id() + "\"");
                records.add(rec);
            }
        } catch (IOException e) {
            throw new DatasetException(lineNo + 1, "cannot read " + name + ": " + e.getMessage(), e);
        }
        return new GoldenDataset(name, records);
    }

    public static GoldenDataset of(String name, List<GoldenRecord> records) {
        return new GoldenDataset(name, records);
    }

    public String name() {
        return name;
    }

    public List<GoldenRecord> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    static GoldenRecord parse(String line, long lineNo) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new DatasetException(lineNo, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new DatasetException(lineNo, "expected a JSON object");
        JsonNode id = root.get("id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new DatasetException(lineNo, "missing \"id\" (a non-empty string)");
        }
        JsonNode response = root.get("response");
        if (response == null || !response.isObject()) throw new DatasetException(lineNo, "missing \"response\" object");
        String output = content(response.get("content"), lineNo, "response.content");
        if (output == null) throw new DatasetException(lineNo, "missing \"response.content\"");
        String model = root.hasNonNull("model") ? root.get("model").asText() : null;
        List<GoldenRecord.Message> messages = messages(root.get("messages"), lineNo);
        String input = null;
        for (GoldenRecord.Message m : messages) if (m.role().equals("user")) input = m.content();
        return new GoldenRecord(id.asText(), lineNo, model, messages, input, output, expected(root.get("expected")),
                longField(response, "latency_ms", lineNo), cost(response, lineNo), usage(response.get("usage")));
    }

    private static List<GoldenRecord.Message> messages(JsonNode messages, long lineNo) {
        if (messages == null || messages.isNull()) return List.of();
        if (!messages.isArray()) throw new DatasetException(lineNo, "\"messages\" must be an array");
        List<GoldenRecord.Message> out = new ArrayList<>(messages.size());
        for (JsonNode m : messages) {
            if (!m.isObject()) throw new DatasetException(lineNo, "each message must be an object");
            String content = content(m.get("content"), lineNo, "messages[].content");
            out.add(new GoldenRecord.Message(m.path("role").asText(""), content == null ? "" : content));
        }
        return out;
    }

    /** A string, or the concatenated {@code text} of an array of parts; null when absent. */
    private static String content(JsonNode node, long lineNo, String where) {
        if (node == null || node.isNull()) return null;
        if (node.isTextual()) return node.asText();
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : node) {
                if (part.isTextual()) sb.append(part.asText());
                else if (part.isObject() && part.path("text").isTextual()) sb.append(part.get("text").asText());
            }
            return sb.toString();
        }
        throw new DatasetException(lineNo, "\"" + where + "\" must be a string or an array of parts");
    }

    private static String expected(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.isTextual()) return node.asText();
        return node.toString();
    }

    private static long longField(JsonNode obj, String field, long lineNo) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) return -1;
        if (!n.isIntegralNumber() || n.asLong() < 0) {
            throw new DatasetException(lineNo, "\"response." + field + "\" must be a non-negative integer");
        }
        return n.asLong();
    }

    private static long cost(JsonNode response, long lineNo) {
        long nano = longField(response, "cost_nano_usd", lineNo);
        if (nano >= 0) return nano;
        JsonNode usd = response.get("cost_usd");
        if (usd == null || usd.isNull()) return -1;
        try {
            BigDecimal dollars = usd.isNumber() ? usd.decimalValue() : new BigDecimal(usd.asText());
            if (dollars.signum() < 0) throw new NumberFormatException("negative");
            return dollars.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new DatasetException(lineNo, "\"response.cost_usd\" must be a non-negative decimal number");
        }
    }

    private static Map<String, Long> usage(JsonNode node) {
        if (node == null || !node.isObject()) return Map.of();
        Map<String, Long> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().getNodeType() == JsonNodeType.NUMBER && e.getValue().isIntegralNumber()) {
                out.put(e.getKey(), e.getValue().asLong());
            }
        }
        return out;
    }
}
