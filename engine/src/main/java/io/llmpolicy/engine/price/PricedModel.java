package io.llmpolicy.engine.price;

import java.util.Objects;

/**
 * One catalog entry: a model name as the provider's API spells it, the provider that serves it, and its price.
 * Immutable and thread-safe.
 *
 * @param name     model name, the catalog key (for imported LiteLLM entries, the LiteLLM key as written, for
 *                 example {@code gpt-4o} or {@code gemini/gemini-2.5-pro})
 * @param provider provider id (LiteLLM's {@code litellm_provider}, for example {@code openai}); never null, may be
 *                 empty when unknown
 * @param price    what it costs and how much it takes
 */
public record PricedModel(String name, String provider, ModelPrice price) {

    public PricedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(price, "price");
        if (name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
    }
}
