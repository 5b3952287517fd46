package io.llmpolicy.engine;

import io.llmpolicy.dsl.PolicyLoader;
import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.check.CheckedPolicy;
import io.llmpolicy.dsl.diag.Code;
import io.llmpolicy.dsl.diag.Diagnostics;
import io.llmpolicy.dsl.source.Source;
import io.llmpolicy.dsl.source.Span;
import io.llmpolicy.script.ScriptCompileException;
import io.llmpolicy.script.ScriptRuntime;
import io.llmpolicy.script.ScriptSource;
import io.llmpolicy.script.ScriptType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Compiles a policy's script functions during {@code llmpolicy check}, turning a script's syntax error, a missing
 * function or a signature that does not fit into an E407 diagnostic at the script's own line and column (in the
 * policy for inline scripts, in the .js file otherwise). Starts GraalVM only when the policy has scripts.
 */
public final class ScriptValidator implements PolicyLoader.Validator {
    @Override
    public void validate(CheckedPolicy policy, Diagnostics diagnostics, Map<String, Source> sources) {
        List<Decl.Function> scripts = policy.functions().values().stream().filter(f -> f.script() != null).toList();
        if (scripts.isEmpty()) return;
        try (ScriptRuntime runtime = ScriptRuntime.builder()
                .limits(ScriptBindings.limits(policy.scripts(), ScriptBindings.DEFAULTS, ScriptBindings.LANGUAGE_CEILING)).build()) {
            for (Decl.Function f : scripts) validate(f, policy, runtime, diagnostics, sources);
        }
    }

    private static void validate(Decl.Function f, CheckedPolicy policy, ScriptRuntime runtime, Diagnostics diagnostics,
                                 Map<String, Source> sources) {
        Decl.Script script = f.script();
        ScriptSource source;
        String file;
        if (script.file() != null) {
            Path path = policy.baseDir().resolve(script.file());
            String code;
            try {
                code = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return; // the checker already reported a missing file (E406)
            }
            file = displayName(f, script.file());
            sources.putIfAbsent(file, new Source(file, code));
            source = new ScriptSource(file, code, 1, 1);
        } else {
            file = script.codeSpan().file();
            source = new ScriptSource(file, script.code(), script.codeSpan().line(), script.codeSpan().column());
        }
        try {
            runtime.compile(source, f.name().text(), f.params().stream().map(p -> ScriptType.parse(p.type().text())).toList(),
                    ScriptType.parse(f.returns().text()));
        } catch (ScriptCompileException e) {
            Source s = sources.get(file);
            Span at = s == null || e.line() < 1 ? script.span() : spanAt(s, e.line(), Math.max(1, e.column()));
            String help = e.kind() == io.llmpolicy.script.ScriptException.Kind.SYNTAX ? null
                    : "the script must define function " + f.name().text() + "(" + String.join(", ",
                            f.params().stream().map(p -> p.name().text()).toList()) + ")";
            diagnostics.error(Code.E407, at, "script function " + f.name().text() + ": " + e.detail(), help);
        } catch (IllegalArgumentException e) {
            diagnostics.error(Code.E407, f.returns().span(), "script function " + f.name().text() + ": " + e.getMessage(), null);
        }
    }

    private static String displayName(Decl.Function f, String relative) {
        Path policyFile = Path.of(f.span().file());
        Path dir = policyFile.getParent();
        return dir == null ? relative : dir.resolve(relative).normalize().toString();
    }

    private static Span spanAt(Source s, int line, int column) {
        int lineStart = 0;
        for (int l = 1; l < line && l <= s.lineCount(); l++) lineStart += s.line(l).codePointCount(0, s.line(l).length()) + 1;
        int at = Math.min(s.length(), lineStart + column - 1);
        return s.span(at, Math.min(s.length(), at + 1));
    }
}
