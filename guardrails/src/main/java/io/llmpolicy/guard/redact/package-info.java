/**
 * Redaction of findings: masks, numbered placeholders ({@code <EMAIL_1>}) and keyed hashes ({@code <EMAIL:3f2a9c1b>}).
 * {@link io.llmpolicy.guard.redact.Redactor} is immutable; a {@link io.llmpolicy.guard.redact.RedactionContext} holds
 * the numbering of one request.
 */
package io.llmpolicy.guard.redact;
