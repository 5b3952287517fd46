package io.llmpolicy.engine;

import io.llmpolicy.dsl.diag.Diagnostic;
import java.util.List;

/**
 * What a reload did: {@code applied} is false when the new version had errors (then the previous version keeps
 * serving and {@code diagnostics} says why).
 */
public record ReloadResult(boolean applied, PolicyInfo serving, List<Diagnostic> diagnostics, String rendered) {}
