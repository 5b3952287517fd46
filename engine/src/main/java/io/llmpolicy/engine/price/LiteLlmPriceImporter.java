package io.llmpolicy.engine.price;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports the LiteLLM price table ({@code model_prices_and_context_window.json}) into a {@link PriceCatalog}.
 * Stateless and thread-safe.
 *
 * <p>What is read, per top-level key: {@code litellm_provider}, {@code mode}, {@code input_cost_per_token},
 * {@code output_cost_per_token}, {@code cache_read_input_token_cost} (USD per token), {@code max_input_tokens} (the
 * context window) and {@code max_output_tokens}. Prices are converted from the JSON <em>text</em> through
 * {@link BigDecimal}, never through {@code double}, so {@code 2.5e-06} becomes exactly 2,500,000 pico-USD per
 * token; a price finer than one pico-USD (a few entries carry float noise such as {@code 1.5000020000000002e-05})
 * is rounded up and counted as {@link Note#PRICE_ROUNDED_UP}. A missing cache-read price means no discount: cached
 * tokens cost the input price.
 *
 * <p>What is skipped, each with a counted {@link SkipReason}: {@code sample_spec} and other non-model keys, entries
 * without a {@code mode} or with a mode not selected (by default only {@code chat}), providers not selected, and
 * entries without both per-token prices (those priced per second, per image or per request). Not modelled, counted
 * as {@link Note#TIERED_PRICE_IGNORED}: higher prices above a prompt size (for example
 * {@code input_cost_per_token_above_200k_tokens}); the base price is used.
 */
public final class LiteLlmPriceImporter {

    /** Why an entry of the table was not imported. */
    public enum SkipReason {
        /** {@code sample_spec}, or a top-level key whose value is not an object (such as {@code last_updated}). */
        NOT_A_MODEL("not a model entry"),
        /** The entry has no {@code mode}. */
        NO_MODE("no mode"),
        /** The entry's mode is not one of the selected modes (embedding, image_generation, ...). */
        MODE_NOT_SELECTED("mode not selected"),
        /** The entry's provider is not one of the selected providers. */
        PROVIDER_NOT_SELECTED("provider not selected"),
        /** The entry lacks {@code input_cost_per_token} or {@code output_cost_per_token}. */
        NO_TOKEN_PRICE("no per-token input and output price"),
        /** A per-token price is not a non-negative number that fits in pico-USD. */
        INVALID_PRICE("invalid price");

        private final String description;

        SkipReason(String description) {
            this.description = description;
        }

        /** Short human-readable description for summaries. */
        public String description() {
            return description;
        }
    }

    /** Something adjusted in an imported entry. */
    public enum Note {
        /** A price finer than one pico-USD per token was rounded up to the next pico-USD. */
        PRICE_ROUNDED_UP,
        /** {@code max_input_tokens} or {@code max_output_tokens} was not a whole number and is treated as unknown. */
        LIMIT_IGNORED,
        /** The entry has prices for large prompts ({@code *_above_*}); only the base price was imported. */
        TIERED_PRICE_IGNORED,
        /** The same model name appeared twice; the later entry was kept. */
        DUPLICATE_NAME
    }

    /**
     * What to import.
     *
     * @param providers providers to keep ({@code litellm_provider} values); empty keeps all
     * @param modes     modes to keep; never empty
     */
    public record Options(Set<String> providers, Set<String> modes) {

        /** Every provider, chat models only. */
        public static final Options DEFAULT = new Options(Set.of(), Set.of("chat"));

        public Options {
            providers = Set.copyOf(Objects.requireNonNull(providers, "providers"));
            modes = Set.copyOf(Objects.requireNonNull(modes, "modes"));
            if (modes.isEmpty()) {
                throw new IllegalArgumentException("select at least one mode (for example \"chat\")");
            }
        }

        /** Chat models of these providers only. */
        public static Options providers(Set<String> providers) {
            return new Options(providers, DEFAULT.modes());
        }
    }

    /**
     * Outcome of an import.
     *
     * @param catalog          the imported models
     * @param entriesRead      top-level keys seen in the table
     * @param skipped          count per reason, for every reason (zero included)
     * @param skippedExamples  up to three skipped names per reason, in file order
     * @param notes            count per note, for every note (zero included)
     */
    public record Result(PriceCatalog catalog, int entriesRead, Map<SkipReason, Integer> skipped,
                         Map<SkipReason, List<String>> skippedExamples, Map<Note, Integer> notes) {

        /** Total number of skipped entries. */
        public int skippedTotal() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** One line per outcome, for a CLI to print: imported, then each non-zero skip reason and note. */
        public List<String> summaryLines() {
            List<String> lines = new ArrayList<>();
            lines.add("imported " + catalog.size() + " of " + entriesRead + " entries");
            skipped.forEach((reason, count) -> {
                if (count > 0) {
                    lines.add("skipped " + count + " (" + reason.description() + "), e.g. "
                            + String.join(", ", skippedExamples.get(reason)));
                }
            });
            notes.forEach((note, count) -> {
                if (count > 0) {
                    lines.add(count + " × " + note.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }
            });
            return lines;
        }
    }

    private static final String SAMPLE_SPEC = "sample_spec";
    private static final int EXAMPLES_PER_REASON = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private LiteLlmPriceImporter() {
    }

    /** Imports a LiteLLM price table file. */
    public static Result importFile(Path file, Options options) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return importStream(in, file.toString(), options);
        }
    }

    /**
     * Imports a LiteLLM price table from a stream; {@code origin} names it in error messages.
     *
     * @throws PriceCatalogException if the stream is not a JSON object
     */
    public static Result importStream(InputStream in, String origin, Options options) throws IOException {
        Tally tally = new Tally();
        Map<String, PricedModel> models = new LinkedHashMap<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PriceCatalogException(origin + ": expected a JSON object keyed by model name");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                JsonNode entry = MAPPER.readTree(parser);
                tally.entriesRead++;
                PricedModel model = convert(name, entry, options, tally);
                if (model != null && models.put(name, model) != null) {
                    tally.note(Note.DUPLICATE_NAME);
                }
            }
        } catch (JsonProcessingException e) {
            throw new PriceCatalogException(origin + ": not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr(), e);
        }
        Map<SkipReason, List<String>> examples = new EnumMap<>(SkipReason.class);
        tally.examples.forEach((reason, names) -> examples.put(reason, List.copyOf(names)));
        return new Result(PriceCatalog.of(models.values()), tally.entriesRead,
                Collections.unmodifiableMap(tally.skipped), Collections.unmodifiableMap(examples),
                Collections.unmodifiableMap(tally.notes));
    }

    private static PricedModel convert(String name, JsonNode entry, Options options, Tally tally) {
        if (SAMPLE_SPEC.equals(name) || entry == null || !entry.isObject() || name.isBlank()) {
            return tally.skip(SkipReason.NOT_A_MODEL, name);
        }
        JsonNode mode = entry.get("mode");
        if (mode == null || !mode.isTextual()) {
            return tally.skip(SkipReason.NO_MODE, name);
        }
        if (!options.modes().contains(mode.asText())) {
            return tally.skip(SkipReason.MODE_NOT_SELECTED, name);
        }
        JsonNode providerNode = entry.get("litellm_provider");
        String provider = providerNode != null && providerNode.isTextual() ? providerNode.asText() : "";
        if (!options.providers().isEmpty() && !options.providers().contains(provider)) {
            return tally.skip(SkipReason.PROVIDER_NOT_SELECTED, name);
        }
        JsonNode input = entry.get("input_cost_per_token");
        JsonNode output = entry.get("output_cost_per_token");
        if (input == null || output == null || input.isNull() || output.isNull()) {
            return tally.skip(SkipReason.NO_TOKEN_PRICE, name);
        }
        JsonNode cached = entry.get("cache_read_input_token_cost");
        long inputPico;
        long outputPico;
        long cachedPico;
        try {
            inputPico = pico(input, tally);
            outputPico = pico(output, tally);
            cachedPico = cached == null || cached.isNull() ? inputPico : pico(cached, tally);
        } catch (ArithmeticException | NumberFormatException e) {
            return tally.skip(SkipReason.INVALID_PRICE, name);
        }
        if (hasTieredPrice(entry)) {
            tally.note(Note.TIERED_PRICE_IGNORED);
        }
        int context = limit(entry.get("max_input_tokens"), tally);
        int maxOutput = limit(entry.get("max_output_tokens"), tally);
        return new PricedModel(name, provider, new ModelPrice(inputPico, cachedPico, outputPico, context, maxOutput));
    }

    private static long pico(JsonNode price, Tally tally) {
        if (!price.isNumber()) {
            throw new NumberFormatException("not a number: " + price);
        }
        BigDecimal usd = price.decimalValue();
        if (Money.isFinerThanPico(usd)) {
            tally.note(Note.PRICE_ROUNDED_UP);
        }
        return Money.usdPerTokenToPico(usd);
    }

    private static int limit(JsonNode node, Tally tally) {
        if (node == null || node.isNull()) {
            return ModelPrice.UNKNOWN;
        }
        if (node.isNumber()) {
            try {
                int value = node.decimalValue().stripTrailingZeros().intValueExact();
                if (value >= 0) {
                    return value;
                }
            } catch (ArithmeticException e) {
                // falls through: fractional or too large, reported as ignored
            }
        }
        tally.note(Note.LIMIT_IGNORED);
        return ModelPrice.UNKNOWN;
    }

    private static boolean hasTieredPrice(JsonNode entry) {
        for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.contains("_above_") && (field.startsWith("input_cost_per_token")
                    || field.startsWith("output_cost_per_token") || field.startsWith("cache_read_input_token_cost"))) {
                return true;
            }
        }
        return false;
    }

    /** Mutable counters of one import; confined to the importing thread. */
    private static final class Tally {
        int entriesRead;
        final Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        final Map<SkipReason, List<String>> examples = new EnumMap<>(SkipReason.class);
        final Map<Note, Integer> notes = new EnumMap<>(Note.class);

        Tally() {
            for (SkipReason reason : SkipReason.values()) {
                skipped.put(reason, 0);
                examples.put(reason, new ArrayList<>());
            }
            for (Note note : Note.values()) {
                notes.put(note, 0);
            }
        }

        PricedModel skip(SkipReason reason, String name) {
            skipped.merge(reason, 1, Integer::sum);
            List<String> list = examples.get(reason);
            if (list.size() < EXAMPLES_PER_REASON) {
                list.add(name);
            }
            return null;
        }

        void note(Note note) {
            notes.merge(note, 1, Integer::sum);
        }
    }
}
