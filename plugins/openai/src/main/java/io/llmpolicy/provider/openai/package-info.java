/**
 * The {@code openai} provider plugin: the OpenAI Chat Completions wire format, which OpenAI, Azure OpenAI, vLLM,
 * Ollama, OpenRouter, Groq and most other "OpenAI-compatible" servers speak.
 *
 * <p>Endpoint configuration ({@link io.llmpolicy.plugin.EndpointConfig}):
 * <ul>
 *   <li>{@code baseUrl} – default {@code https://api.openai.com/v1}; requests go to {@code {base}/chat/completions}
 *       and {@code {base}/models}. Azure: {@code https://RESOURCE.openai.azure.com/openai/deployments/DEPLOYMENT};
 *       vLLM: {@code http://host:8000/v1}; Ollama: {@code http://localhost:11434/v1};
 *       OpenRouter: {@code https://openrouter.ai/api/v1}; Groq: {@code https://api.groq.com/openai/v1}.</li>
 *   <li>{@code apiKeyEnv} – the variable holding the key; unset for servers without authentication.</li>
 *   <li>{@code headers} – extra headers (OpenRouter's {@code HTTP-Referer}, {@code X-Title}...).</li>
 *   <li>options: {@code api_version} (Azure; appended as {@code ?api-version=} and implies {@code auth=api-key}),
 *       {@code auth} = {@code bearer} | {@code api-key} | {@code none}, {@code max_tokens_field} =
 *       {@code max_tokens} (default) | {@code max_completion_tokens} (newer OpenAI models),
 *       {@code stream_usage} = {@code true} (default; sends {@code stream_options.include_usage}) | {@code false}.</li>
 * </ul>
 *
 * <p>Error mapping: HTTP status first ({@link io.llmpolicy.plugin.ErrorClass#forHttpStatus}), refined by the body:
 * {@code context_length_exceeded} (or a "maximum context length" message) is context length, Azure's
 * {@code content_filter} / {@code content_policy_violation} is content filter. Malformed JSON in a success
 * response is a server error; a stream that ends before {@code data: [DONE]} is a network error.
 */
package io.llmpolicy.provider.openai;
