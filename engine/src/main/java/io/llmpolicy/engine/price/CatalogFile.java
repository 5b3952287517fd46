package io.llmpolicy.engine.price;

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
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the project's JSON price catalog, the file {@code llmpolicy prices import} produces and a policy
 * refers to. Stateless and thread-safe.
 *
 * <pre>{@code
 * {
 *   "format": "llmpolicy-price-catalog",
 *   "version": 1,
 *   "source": "LiteLLM model_prices_and_context_window.json (MIT, Copyright (c) 2023 Berri AI)",
 *   "models": {
 *     "gpt-4o": {
 *       "provider": "openai",
 *       "input_pico_per_token": 2500000,
 *       "cached_input_pico_per_token": 1250000,
 *       "output_pico_per_token": 10000000,
 *       "context_window": 128000,
 *       "max_output_tokens": 16384
 *     }
 *   }
 * }
 * }</pre>
 *
 * Prices are integers in pico-USD per token (= micro-USD per million tokens). {@code cached_input_pico_per_token}
 * defaults to the input price; {@code context_window} and {@code max_output_tokens} are omitted when unknown.
 * {@code source} is optional free text. Unknown fields are errors, so a misspelt price cannot be silently ignored.
 * Models are written sorted by name, so the output of the same catalog is byte-for-byte stable.
 */
public final class CatalogFile {

    /** Value of the {@code format} field. */
    public static final String FORMAT = "llmpolicy-price-catalog";
    /** The only version this code reads and writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TOP_FIELDS = Set.of("format", "version", "source", "models");
    private static final Set<String> MODEL_FIELDS = Set.of("provider", "input_pico_per_token",
            "cached_input_pico_per_token", "output_pico_per_token", "context_window", "max_output_tokens");

    private CatalogFile() {
    }

    /** Reads a catalog file. */
    public static PriceCatalog read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a catalog from a stream; {@code origin} names it in error messages.
     *
     * @throws PriceCatalogException if the content is not a valid catalog
     */
    public static PriceCatalog read(InputStream in, String origin) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new PriceCatalogException(origin + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PriceCatalogException(origin + ": expected a JSON object with \"format\": \"" + FORMAT + "\"");
        }
        checkFields(root, TOP_FIELDS, origin, "");
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText(null))) {
            throw new PriceCatalogException(origin + ": \"format\" must be \"" + FORMAT + "\"");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || version.asInt() != VERSION) {
            throw new PriceCatalogException(origin + ": \"version\" must be " + VERSION);
        }
        JsonNode models = root.get("models");
        if (models == null || !models.isObject()) {
            throw new PriceCatalogException(origin + ": \"models\" must be an object keyed by model name");
        }
        List<PricedModel> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : models.properties()) {
            entries.add(readModel(field.getKey(), field.getValue(), origin));
        }
        try {
            return PriceCatalog.of(entries);
        } catch (IllegalArgumentException e) {
            throw new PriceCatalogException(origin + ": " + e.getMessage(), e);
        }
    }

    private static PricedModel readModel(String name, JsonNode node, String origin) throws PriceCatalogException {
        String path = "models." + quote(name);
        if (name.isBlank()) {
            throw new PriceCatalogException(origin + ": " + path + ": model name must not be blank");
        }
        if (!node.isObject()) {
            throw new PriceCatalogException(origin + ": " + path + ": expected an object");
        }
        checkFields(node, MODEL_FIELDS, origin, path + ".");
        JsonNode provider = node.get("provider");
        if (provider == null || !provider.isTextual()) {
            throw new PriceCatalogException(origin + ": " + path + ".provider: expected a string");
        }
        long input = requiredLong(node, "input_pico_per_token", origin, path);
        long output = requiredLong(node, "output_pico_per_token", origin, path);
        long cached = node.has("cached_input_pico_per_token")
                ? requiredLong(node, "cached_input_pico_per_token", origin, path) : input;
        int context = optionalInt(node, "context_window", origin, path);
        int maxOutput = optionalInt(node, "max_output_tokens", origin, path);
        return new PricedModel(name, provider.asText(), new ModelPrice(input, cached, output, context, maxOutput));
    }

    private static long requiredLong(JsonNode node, String field, String origin, String path)
            throws PriceCatalogException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new PriceCatalogException(origin + ": " + path + "." + field
                    + ": expected a whole number >= 0 (pico-USD per token), got " + (value == null ? "nothing" : value));
        }
        return value.asLong();
    }

    private static int optionalInt(JsonNode node, String field, String origin, String path)
            throws PriceCatalogException {
        JsonNode value = node.get(field);
        if (value == null) {
            return ModelPrice.UNKNOWN;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new PriceCatalogException(origin + ": " + path + "." + field
                    + ": expected a whole number of tokens >= 0, got " + value);
        }
        return value.asInt();
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String origin, String prefix)
            throws PriceCatalogException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new PriceCatalogException(origin + ": " + prefix + field + ": unknown field (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    /** Writes a catalog to a file atomically (a temporary file in the same directory, then a rename). */
    public static void write(PriceCatalog catalog, String source, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(catalog, source, out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a catalog as pretty-printed UTF-8 JSON; {@code source} may be null. */
    public static void write(PriceCatalog catalog, String source, OutputStream out) throws IOException {
        try (JsonGenerator gen = new JsonFactory().createGenerator(out)) {
            write(catalog, source, gen);
        }
    }

    /** Writes a catalog as pretty-printed JSON to a character stream; {@code source} may be null. */
    public static void write(PriceCatalog catalog, String source, Writer out) throws IOException {
        try (JsonGenerator gen = new JsonFactory().createGenerator(out)) {
            write(catalog, source, gen);
        }
    }

    private static void write(PriceCatalog catalog, String source, JsonGenerator gen) throws IOException {
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
        gen.writeStartObject();
        gen.writeStringField("format", FORMAT);
        gen.writeNumberField("version", VERSION);
        if (source != null) {
            gen.writeStringField("source", source);
        }
        gen.writeObjectFieldStart("models");
        for (PricedModel model : catalog.models()) {
            ModelPrice price = model.price();
            gen.writeObjectFieldStart(model.name());
            gen.writeStringField("provider", model.provider());
            gen.writeNumberField("input_pico_per_token", price.inputPicoPerToken());
            gen.writeNumberField("cached_input_pico_per_token", price.cachedInputPicoPerToken());
            gen.writeNumberField("output_pico_per_token", price.outputPicoPerToken());
            if (price.contextWindow() != ModelPrice.UNKNOWN) {
                gen.writeNumberField("context_window", price.contextWindow());
            }
            if (price.maxOutputTokens() != ModelPrice.UNKNOWN) {
                gen.writeNumberField("max_output_tokens", price.maxOutputTokens());
            }
            gen.writeEndObject();
        }
        gen.writeEndObject();
        gen.writeEndObject();
        gen.writeRaw('\n');
        gen.flush();
    }

    private static String quote(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
