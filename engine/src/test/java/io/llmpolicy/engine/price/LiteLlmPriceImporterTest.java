package io.llmpolicy.engine.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmpolicy.engine.price.LiteLlmPriceImporter.Note;
import io.llmpolicy.engine.price.LiteLlmPriceImporter.Options;
import io.llmpolicy.engine.price.LiteLlmPriceImporter.Result;
import io.llmpolicy.engine.price.LiteLlmPriceImporter.SkipReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiteLlmPriceImporterTest {

    static Result importSlice(Options options) throws IOException {
        try (InputStream in = LiteLlmPriceImporterTest.class.getResourceAsStream("/prices/litellm-slice.json")) {
            return LiteLlmPriceImporter.importStream(in, "litellm-slice.json", options);
        }
    }

    private static Result importText(String json) throws IOException {
        return LiteLlmPriceImporter.importStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "inline.json", Options.DEFAULT);
    }

    @Test
    void slice_default_importsChatModelsAndCountsEverySkip() throws IOException {
        Result result = importSlice(Options.DEFAULT);

        assertThat(result.entriesRead()).isEqualTo(30);
        assertThat(result.catalog().size()).isEqualTo(20);
        assertThat(result.skipped()).containsEntry(SkipReason.NOT_A_MODEL, 2) // sample_spec, last_updated
                .containsEntry(SkipReason.NO_MODE, 1)                      // fireworks-ai-default
                .containsEntry(SkipReason.MODE_NOT_SELECTED, 5)            // responses, completion, embedding, image, audio
                .containsEntry(SkipReason.NO_TOKEN_PRICE, 2)               // priced per session / per second
                .containsEntry(SkipReason.PROVIDER_NOT_SELECTED, 0)
                .containsEntry(SkipReason.INVALID_PRICE, 0);
        assertThat(result.skippedTotal() + result.catalog().size()).isEqualTo(result.entriesRead());
        assertThat(result.skippedExamples().get(SkipReason.NOT_A_MODEL)).containsExactly("sample_spec", "last_updated");
        assertThat(result.skippedExamples().get(SkipReason.NO_TOKEN_PRICE))
                .containsExactly("azure/container", "bedrock/*/1-month-commitment/cohere.command-text-v14");
        assertThat(result.notes()).containsEntry(Note.PRICE_ROUNDED_UP, 2)  // databricks input and output
                .containsEntry(Note.TIERED_PRICE_IGNORED, 5)
                .containsEntry(Note.LIMIT_IGNORED, 0)
                .containsEntry(Note.DUPLICATE_NAME, 0);
        assertThat(result.catalog().find("sample_spec")).isEmpty();
        assertThat(result.summaryLines()).first().isEqualTo("imported 20 of 30 entries");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // model,                                   provider,   input,    cached,   output,   context, max_out
        // Hand conversions: USD/token x 10^12 = pico/token. 2.5e-06 -> 2,500,000; 1.25e-06 -> 1,250,000; 1e-05 -> 10,000,000
        "gpt-4o,                                    openai,     2500000,  1250000,  10000000, 128000,  16384",
        // 1.5e-07 -> 150,000; 7.5e-08 -> 75,000; 6e-07 -> 600,000
        "gpt-4o-mini,                               openai,     150000,   75000,    600000,   128000,  16384",
        // 5e-07 and 1.5e-06, no cache-read price: cached = input
        "gpt-3.5-turbo,                             openai,     500000,   500000,   1500000,  16385,   4096",
        // 3e-06 -> 3,000,000; 3e-07 -> 300,000; 1.5e-05 -> 15,000,000 (tiers above 200k ignored)
        "claude-sonnet-4-5-20250929,                anthropic,  3000000,  300000,   15000000, 200000,  64000",
        "claude-opus-4-1-20250805,                  anthropic,  15000000, 1500000,  75000000, 200000,  32000",
        // 1.25e-06, 1.25e-07, 1e-05
        "gemini/gemini-2.5-pro,                     gemini,     1250000,  125000,   10000000, 1048576, 65535",
        "mistral/mistral-large-latest,              mistral,    500000,   500000,   1500000,  262144,  262144",
        // 2.8e-07 -> 280,000; 2.8e-08 -> 28,000; 4.2e-07 -> 420,000
        "deepseek/deepseek-chat,                    deepseek,   280000,   28000,    420000,   131072,  8192",
        // 2.9999900000000002e-06 -> 2,999,990.0000000002 -> ceil 2,999,991; 1.5000020000000002e-05 -> 15,000,021
        "databricks/databricks-claude-3-7-sonnet,   databricks, 2999991,  2999991,  15000021, 200000,  128000",
        // integer 0 prices; context window written as 2000000.0
        "gemini/gemini-exp-1114,                    gemini,     0,        0,        0,        1048576, 8192",
        "xai/grok-4-fast-reasoning,                 xai,        200000,   50000,    500000,   2000000, 2000000",
        "perplexity/sonar-medium-online,            perplexity, 0,        0,        1800000,  12000,   12000",
    })
    void slice_prices_matchHandConversions(String model, String provider, long input, long cached, long output,
                                           int context, int maxOutput) throws IOException {
        PricedModel entry = importSlice(Options.DEFAULT).catalog().find(model).orElseThrow();
        assertThat(entry.provider()).isEqualTo(provider);
        assertThat(entry.price()).isEqualTo(new ModelPrice(input, cached, output, context, maxOutput));
    }

    @Test
    void slice_providerFilter_keepsOnlyThoseProviders() throws IOException {
        Result result = importSlice(Options.providers(Set.of("openai", "anthropic")));
        assertThat(result.catalog().models()).extracting(PricedModel::provider).containsOnly("openai", "anthropic");
        assertThat(result.catalog().size()).isEqualTo(10);
        // The provider is checked before the price: the 10 other chat models and the 2 priced per session/second.
        assertThat(result.skipped()).containsEntry(SkipReason.PROVIDER_NOT_SELECTED, 12);
    }

    @Test
    void slice_extraMode_importsResponsesModels() throws IOException {
        Result result = importSlice(new Options(Set.of(), Set.of("chat", "responses")));
        // o1-pro: 0.00015 USD/token = 150,000,000 pico; 0.0006 = 600,000,000
        assertThat(result.catalog().find("o1-pro").orElseThrow().price())
                .isEqualTo(new ModelPrice(150_000_000, 150_000_000, 600_000_000, 200_000, 100_000));
        assertThat(result.skipped()).containsEntry(SkipReason.MODE_NOT_SELECTED, 4);
    }

    @Test
    void invalidPrices_areSkippedWithReason() throws IOException {
        Result result = importText("""
                {"a": {"mode": "chat", "litellm_provider": "x", "input_cost_per_token": "0.1", "output_cost_per_token": 1},
                 "b": {"mode": "chat", "litellm_provider": "x", "input_cost_per_token": -1e-06, "output_cost_per_token": 1},
                 "c": {"mode": "chat", "litellm_provider": "x", "input_cost_per_token": 1e30, "output_cost_per_token": 1},
                 "d": {"mode": "chat", "litellm_provider": "x", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                       "max_input_tokens": "lots", "max_output_tokens": 10.5}}
                """);
        assertThat(result.skipped()).containsEntry(SkipReason.INVALID_PRICE, 3);
        assertThat(result.catalog().size()).isEqualTo(1);
        assertThat(result.catalog().find("d").orElseThrow().price())
                .isEqualTo(new ModelPrice(1_000_000, 1_000_000, 2_000_000, 0, 0));
        assertThat(result.notes()).containsEntry(Note.LIMIT_IGNORED, 2);
    }

    @Test
    void duplicateKeys_laterWins_andIsNoted() throws IOException {
        Result result = importText("""
                {"m": {"mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06},
                 "m": {"mode": "chat", "input_cost_per_token": 2e-06, "output_cost_per_token": 2e-06}}
                """);
        assertThat(result.catalog().find("m").orElseThrow().price().inputPicoPerToken()).isEqualTo(2_000_000);
        assertThat(result.catalog().find("m").orElseThrow().provider()).isEmpty();
        assertThat(result.notes()).containsEntry(Note.DUPLICATE_NAME, 1);
    }

    @Test
    void notAnObject_isTypedError() {
        assertThatThrownBy(() -> importText("[1, 2]")).isInstanceOf(PriceCatalogException.class)
                .hasMessageContaining("inline.json").hasMessageContaining("JSON object");
        assertThatThrownBy(() -> importText("{\"a\": {")).isInstanceOf(PriceCatalogException.class)
                .hasMessageContaining("not valid JSON");
    }
}
