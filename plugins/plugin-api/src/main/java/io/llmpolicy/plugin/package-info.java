/**
 * Extension points for llmpolicy plugins, built on PF4J.
 *
 * <p>A plugin contributes one or more extensions, each a class annotated with {@code @org.pf4j.Extension} that
 * implements one of these extension points:
 * <ul>
 *   <li>{@link io.llmpolicy.plugin.ModelProviderFactory} – creates {@link io.llmpolicy.plugin.ModelProvider}s, one per
 *       configured endpoint (one OpenAI-compatible plugin serves OpenAI, Azure, vLLM, Ollama...);</li>
 *   <li>{@link io.llmpolicy.plugin.GuardrailDetector} – finds spans of interest in text;</li>
 *   <li>{@link io.llmpolicy.plugin.EvalScorer} – scores a model output;</li>
 *   <li>{@link io.llmpolicy.plugin.PolicyFunction} – a pure function callable from policies, with a declared
 *       signature the language checker uses;</li>
 *   <li>{@link io.llmpolicy.plugin.AlertSinkFactory} – creates {@link io.llmpolicy.plugin.AlertSink}s that deliver
 *       {@link io.llmpolicy.plugin.Alert}s.</li>
 * </ul>
 *
 * <p><b>Threading contract (applies to every type in this package).</b> The engine creates one instance of each
 * extension and calls it from many request threads at once, without locking. Extensions must be thread-safe;
 * stateless or immutable ones are the norm. Calls into a plugin go through the host's boundary, which may run
 * them on a bounded worker pool with a time-out: a call that times out is abandoned and its thread interrupted, so
 * long-running work must respond to interruption. Asynchronous methods (returning {@code CompletableFuture})
 * must not block the calling thread.
 *
 * <p><b>Errors.</b> Provider failures are reported as {@link io.llmpolicy.plugin.ProviderException} with an
 * {@link io.llmpolicy.plugin.ErrorClass}; anything else a plugin throws becomes a typed error at the host boundary
 * naming the plugin, the function and the policy location.
 *
 * <p>Records here are immutable values. All public types depend on the JDK only, so a plugin's own libraries
 * (JSON, HTTP clients) never leak into the contract. The {@link io.llmpolicy.plugin.http} package holds optional
 * helpers for plugins that speak HTTP.
 */
package io.llmpolicy.plugin;
