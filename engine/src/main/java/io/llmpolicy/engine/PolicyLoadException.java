package io.llmpolicy.engine;

import io.llmpolicy.dsl.PolicyLoader;
import io.llmpolicy.dsl.diag.Diagnostic;
import java.util.List;

/** A policy that does not check: the message is the rendered diagnostics ({@code file:line:col} with carets). */
public final class PolicyLoadException extends RuntimeException {
    private final transient List<Diagnostic> diagnostics;

    PolicyLoadException(PolicyLoader.Result result) {
        super(render(result));
        this.diagnostics = result.diagnostics();
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String render(PolicyLoader.Result r) {
        StringBuilder s = new StringBuilder("policy has errors:\n");
        for (Diagnostic d : r.diagnostics()) if (d.isError()) s.append(r.render(d));
        return s.toString();
    }
}
