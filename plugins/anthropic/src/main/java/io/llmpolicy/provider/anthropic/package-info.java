/**
 * The {@code anthropic} provider plugin: the Anthropic Messages API ({@code POST {base}/v1/messages}), whole and
 * streamed (server-sent events {@code message_start}, {@code content_block_delta}, {@code message_delta},
 * {@code message_stop}, {@code ping}, {@code error}).
 *
 * <p>Endpoint configuration ({@link io.llmpolicy.plugin.EndpointConfig}): {@code baseUrl} (default
 * {@code https://api.anthropic.com}), {@code apiKeyEnv} (sent as {@code x-api-key}), extra {@code headers} (for
 * example {@code anthropic-beta}), options {@code anthropic_version} (default {@code 2023-06-01}) and
 * {@code default_max_tokens} (the API requires {@code max_tokens}; used when the request sets none, default 1024).
 *
 * <p>Error mapping by the error {@code type} in the body: {@code rate_limit_error} rate limited,
 * {@code overloaded_error} (HTTP 529) and {@code api_error} server error, {@code authentication_error} /
 * {@code permission_error} / {@code billing_error} auth, {@code request_too_large} and "prompt is too long"
 * context length, {@code timeout_error} time-out, other {@code invalid_request_error}s bad request. An
 * {@code error} event inside a stream is classified the same way. Usage is normalised so that input tokens include
 * cache reads and cache writes, and cached input tokens are the cache reads.
 */
package io.llmpolicy.provider.anthropic;
