package io.llmpolicy.engine.price;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable set of priced models, looked up by exact model name. Thread-safe; build once, share freely.
 *
 * <p>Lookups are exact on purpose: {@code gpt-4o} and {@code gpt-4o-2024-05-13} have different prices, and
 * guessing from a prefix would silently bill the wrong one. The compiler binds names to entries once, when a
 * policy is compiled.
 */
public final class PriceCatalog {

    /** Class-path resource of the catalog bundled with the engine (see its README for the source). */
    public static final String BUNDLED_RESOURCE = "/io/llmpolicy/engine/price/default-catalog.json";

    private static final PriceCatalog EMPTY = new PriceCatalog(Map.of());

    private final Map<String, PricedModel> byName;

    private PriceCatalog(Map<String, PricedModel> byName) {
        this.byName = byName;
    }

    /** The catalog with no models. */
    public static PriceCatalog empty() {
        return EMPTY;
    }

    /**
     * A catalog of these models.
     *
     * @throws IllegalArgumentException if two entries share a name
     */
    public static PriceCatalog of(Collection<PricedModel> models) {
        Map<String, PricedModel> map = new TreeMap<>();
        for (PricedModel model : models) {
            Objects.requireNonNull(model, "model");
            if (map.putIfAbsent(model.name(), model) != null) {
                throw new IllegalArgumentException("duplicate model '" + model.name() + "' in price catalog");
            }
        }
        return new PriceCatalog(Collections.unmodifiableMap(new LinkedHashMap<>(map)));
    }

    /**
     * The catalog bundled with the engine: about fifty current chat models of OpenAI, Anthropic, Google (Gemini API)
     * and Mistral, imported from the LiteLLM price table. Loaded once per class loader.
     */
    public static PriceCatalog bundled() {
        return Bundled.CATALOG;
    }

    /** The entry for exactly this model name, if present. */
    public Optional<PricedModel> find(String model) {
        return Optional.ofNullable(byName.get(model));
    }

    /** The entry for exactly this model name, or null: the allocation-free form of {@link #find}. */
    public PricedModel getOrNull(String model) {
        return byName.get(model);
    }

    /** All entries, sorted by name. */
    public Collection<PricedModel> models() {
        return byName.values();
    }

    /** Number of entries. */
    public int size() {
        return byName.size();
    }

    /** Only the entries whose provider is one of these (all entries when the set is empty). */
    public PriceCatalog withProviders(Set<String> providers) {
        if (providers.isEmpty()) {
            return this;
        }
        return of(byName.values().stream().filter(m -> providers.contains(m.provider())).toList());
    }

    /**
     * This catalog with every entry of {@code overrides} added, replacing entries of the same name: how prices
     * declared in a policy take precedence over an imported catalog.
     */
    public PriceCatalog overriddenBy(PriceCatalog overrides) {
        Map<String, PricedModel> map = new TreeMap<>(byName);
        map.putAll(overrides.byName);
        return new PriceCatalog(Collections.unmodifiableMap(new LinkedHashMap<>(map)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceCatalog other && byName.equals(other.byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return "PriceCatalog[" + byName.size() + " models]";
    }

    private static final class Bundled {
        static final PriceCatalog CATALOG = load();

        private static PriceCatalog load() {
            try (InputStream in = PriceCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("bundled price catalog " + BUNDLED_RESOURCE + " is missing");
                }
                return CatalogFile.read(in, BUNDLED_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("bundled price catalog " + BUNDLED_RESOURCE + " is unreadable", e);
            }
        }
    }
}
