package io.llmpolicy.engine.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogFileTest {

    private static PriceCatalog read(String json) throws IOException {
        return CatalogFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void importedSlice_writeThenRead_roundTrips(@TempDir Path dir) throws IOException {
        PriceCatalog imported = LiteLlmPriceImporterTest.importSlice(LiteLlmPriceImporter.Options.DEFAULT).catalog();
        Path file = dir.resolve("catalog.json");
        CatalogFile.write(imported, "test", file);

        assertThat(CatalogFile.read(file)).isEqualTo(imported);
        String text = Files.readString(file);
        assertThat(text).contains(String.join("\n",
                "    \"gpt-4o\": {",
                "      \"provider\": \"openai\",",
                "      \"input_pico_per_token\": 2500000,",
                "      \"cached_input_pico_per_token\": 1250000,",
                "      \"output_pico_per_token\": 10000000,",
                "      \"context_window\": 128000,",
                "      \"max_output_tokens\": 16384",
                "    }"));
        // Byte-for-byte stable: writing the read catalog again gives the same text.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        CatalogFile.write(CatalogFile.read(file), "test", again);
        assertThat(again.toString(StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void minimalEntry_defaultsCachedToInput_andLimitsToUnknown() throws IOException {
        PriceCatalog catalog = read("""
                {"format": "llmpolicy-price-catalog", "version": 1,
                 "models": {"my-model": {"provider": "acme", "input_pico_per_token": 7, "output_pico_per_token": 9}}}
                """);
        assertThat(catalog.find("my-model").orElseThrow())
                .isEqualTo(new PricedModel("my-model", "acme", new ModelPrice(7, 7, 9, 0, 0)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"format\": \"other\", \"version\": 1, \"models\": {}}                     | \"format\" must be",
        "{\"format\": \"llmpolicy-price-catalog\", \"version\": 2, \"models\": {}}   | \"version\" must be 1",
        "{\"format\": \"llmpolicy-price-catalog\", \"version\": 1}                   | \"models\" must be an object",
        "{\"format\": \"llmpolicy-price-catalog\", \"version\": 1, \"models\": {}, \"extra\": 1} | extra: unknown field",
        "{\"format\": \"llmpolicy-price-catalog\", \"version\": 1, \"models\": {\"m\": {\"provider\": \"p\", \"input_pico_per_token\": 1.5, \"output_pico_per_token\": 1}}} | models.\"m\".input_pico_per_token: expected a whole number",
        "{\"format\": \"llmpolicy-price-catalog\", \"version\": 1, \"models\": {\"m\": {\"provider\": \"p\", \"output_pico_per_token\": 1}}} | models.\"m\".input_pico_per_token",
        "{\"format\": \"llmpolicy-price-catalog\", \"version\": 1, \"models\": {\"m\": {\"provider\": \"p\", \"input_pico_per_token\": 1, \"output_pico_per_token\": 1, \"input_price\": 3}}} | models.\"m\".input_price: unknown field",
        "{\"format\": \"llmpolicy-price-catalog\", \"version\": 1, \"models\": {\"m\": {\"input_pico_per_token\": 1, \"output_pico_per_token\": 1}}} | models.\"m\".provider: expected a string",
        "not json | not valid JSON",
    })
    void invalidCatalog_isTypedErrorNamingThePath(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(PriceCatalogException.class)
                .hasMessageStartingWith("test.json: ").hasMessageContaining(message.strip());
    }

    @Test
    void bundled_loadsFourProvidersWithExactPrices() {
        PriceCatalog bundled = PriceCatalog.bundled();
        assertThat(bundled.size()).isEqualTo(50);
        assertThat(bundled.models()).extracting(PricedModel::provider).containsOnly("openai", "anthropic", "gemini",
                "mistral");
        assertThat(bundled.find("gpt-4o").orElseThrow().price())
                .isEqualTo(new ModelPrice(2_500_000, 1_250_000, 10_000_000, 128_000, 16_384));
        assertThat(bundled.getOrNull("gpt-4o-2024-08-06")).isNotNull();
        assertThat(bundled.getOrNull("no-such-model")).isNull();
    }

    @Test
    void catalog_filterAndOverride() {
        PricedModel a = new PricedModel("a", "p1", ModelPrice.of(1, 2));
        PricedModel b = new PricedModel("b", "p2", ModelPrice.of(3, 4));
        PriceCatalog catalog = PriceCatalog.of(List.of(b, a));
        assertThat(catalog.models()).containsExactly(a, b);
        assertThat(catalog.withProviders(Set.of("p2")).models()).containsExactly(b);
        PricedModel cheaperA = new PricedModel("a", "p1", ModelPrice.of(0, 0));
        assertThat(catalog.overriddenBy(PriceCatalog.of(List.of(cheaperA))).models()).containsExactly(cheaperA, b);
        assertThatThrownBy(() -> PriceCatalog.of(List.of(a, a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate model 'a'");
    }
}
