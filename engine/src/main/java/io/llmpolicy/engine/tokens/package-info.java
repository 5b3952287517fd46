/**
 * Counting prompt tokens before a request is sent, for budget reservations and context-window checks.
 *
 * <p>Where the model's tokenizer is public (OpenAI's {@code cl100k_base} and {@code o200k_base}), tokens are
 * counted exactly with jtokkit, which matches tiktoken. For every other model the count is an estimate:
 * {@code ceil(UTF-8 bytes / 4)} per text. Chat prompts add OpenAI's documented framing: 3 tokens per message,
 * 1 more per message that carries a {@code name}, and 3 tokens that prime the reply.
 * See {@link io.llmpolicy.engine.tokens.TokenCounter}.
 */
package io.llmpolicy.engine.tokens;
