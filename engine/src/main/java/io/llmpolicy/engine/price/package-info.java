/**
 * Model prices and exact cost arithmetic.
 *
 * <p>Units, fixed for the whole engine: a <em>price</em> is a {@code long} number of pico-USD per token
 * (10<sup>-12</sup> USD; numerically equal to micro-USD per million tokens, so $2.50 per million tokens is
 * {@code 2_500_000}); a <em>cost</em> or budget amount is a {@code long} number of nano-USD
 * (10<sup>-9</sup> USD). The cost of {@code n} tokens at {@code p} pico-USD each is
 * {@code ceil(n × p / 1000)} nano-USD, computed per token kind (input, cached input, output) and summed, so
 * recorded spend is never below the true spend ({@link io.llmpolicy.engine.price.Money#costNanoUsd}).
 *
 * <p>{@link io.llmpolicy.engine.price.PriceCatalog} is an immutable name → price map;
 * {@link io.llmpolicy.engine.price.LiteLlmPriceImporter} reads the LiteLLM price table and
 * {@link io.llmpolicy.engine.price.CatalogFile} reads and writes the project's own JSON catalog format
 * (documented in {@code docs/budgets.md}).
 */
package io.llmpolicy.engine.price;
