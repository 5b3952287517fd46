/**
 * Guardrails: fast, precise detectors for PII, secrets and prompt injection, policy phrase lists and regexes,
 * streaming output checks and redaction.
 *
 * <p>Entry points: {@link io.llmpolicy.guard.GuardrailSet} (build once, share between threads) scans a text into a
 * reusable {@link io.llmpolicy.guard.Findings} sink or watches a streamed output through a
 * {@link io.llmpolicy.guard.StreamGuard}; {@link io.llmpolicy.guard.RegexValidator} checks policy regexes for the
 * language checker; {@link io.llmpolicy.guard.TokenCounter} is the size-limit hook. Redaction lives in
 * {@code io.llmpolicy.guard.redact}, output checks (JSON, JSON Schema, token size) in {@code io.llmpolicy.guard.output}.
 * Detector semantics are specified in {@code docs/guardrails.md}.
 *
 * <p>Everything else in this package is package-private: the scan loop ({@code ScanPlan}), its state
 * ({@code ScanState}), the automata and one class per detector.
 */
package io.llmpolicy.guard;
