/**
 * The {@code mock} provider plugin: a deterministic model for demos and tests that needs no network and no keys.
 * The same request (model, messages, seed) always gets the same text and token counts; scripted failures and
 * latency jitter derive from the request id, so a replay reproduces them.
 *
 * <p>Options ({@link io.llmpolicy.plugin.EndpointConfig#options()}), all optional:
 * <ul>
 *   <li>{@code seed} – mixes into every derived value (default 0);</li>
 *   <li>{@code latency} (default {@code 100ms}), {@code latency_per_token} (default {@code 0ms}),
 *       {@code latency_jitter} (default {@code 0ms}) – the simulated latency reported in
 *       {@link io.llmpolicy.plugin.ChatResponse#latency()}: latency + per-token × output tokens + a
 *       request-id-derived fraction of the jitter. Nothing sleeps unless {@code real_delay=true}, which completes
 *       the call after the simulated latency on a timer (no thread is blocked);</li>
 *   <li>{@code output_tokens} – {@code N} or {@code MIN..MAX} (default {@code 20..200}), picked by hashing the
 *       prompt; the text has exactly that many words, one token each. {@code reply} fixes the text instead;</li>
 *   <li>{@code chunk_words} – words per streamed chunk (default 4);</li>
 *   <li>{@code context_window} – tokens (default 128000); input + max tokens beyond it fails with context length;</li>
 *   <li>{@code models} – comma-separated ids {@code listModels} returns (default {@code mock-small,mock-large});</li>
 *   <li>scripted failures, where {@code MODEL} is a model id or {@code *} for any, {@code CLASS} an error class
 *       ({@code rate_limited}, {@code server_error}...) and {@code RETRY} an optional Retry-After duration:
 *       {@code fail.first.MODEL = N:CLASS[:RETRY]} fails the first N calls of the model on this endpoint;
 *       {@code fail.fraction.MODEL = F:CLASS[:RETRY]} fails the calls whose request id hashes below F (0..1);
 *       {@code fail.midstream.MODEL = F:CLASS} makes that fraction of calls fail after half of the output was
 *       streamed (whole calls fail outright).</li>
 * </ul>
 * A simulated latency beyond the call's deadline fails with {@code timeout}, again without waiting.
 */
package io.llmpolicy.provider.mock;
