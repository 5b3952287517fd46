/**
 * The {@code webhook} alert sink plugin: posts each {@link io.llmpolicy.plugin.Alert} as JSON to a URL.
 *
 * <p>Endpoint configuration: {@code baseUrl} is the webhook URL (required); {@code apiKeyEnv}, when set, sends
 * the variable's value as {@code Authorization: Bearer ...}; {@code headers} are added to every post; connect and
 * request time-outs bound each delivery. Option {@code format} = {@code json} (default; the body is
 * {@code {"source":"llmpolicy","kind","rule","key","threshold","value","message","time"}}) or {@code slack}
 * ({@code {"text": "..."}}, for Slack-style incoming webhooks).
 *
 * <p>A delivery succeeds on any 2xx status; anything else, a time-out or a connection failure fails the future
 * with an {@link io.llmpolicy.plugin.AlertDeliveryException} carrying the status (0 when none). No retries.
 */
package io.llmpolicy.sink.webhook;
