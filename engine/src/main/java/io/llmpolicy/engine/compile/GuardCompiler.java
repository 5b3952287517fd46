package io.llmpolicy.engine.compile;

import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.ast.Expr;
import io.llmpolicy.dsl.ast.Name;
import io.llmpolicy.dsl.check.CheckedPolicy;
import io.llmpolicy.dsl.fmt.ExprPrinter;
import io.llmpolicy.guard.BuiltinDetector;
import io.llmpolicy.guard.GuardrailSet;
import io.llmpolicy.guard.output.JsonSchemaCheck;
import io.llmpolicy.guard.redact.RedactionStyle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Compiles {@code guardrail} declarations into {@link GuardPlan}s. */
final class GuardCompiler {
    private GuardCompiler() {}

    static GuardPlan compile(Decl.Guardrail g, CheckedPolicy policy, ExprCompiler exprs, byte[] redactionKey) {
        GuardrailSet.Builder set = GuardrailSet.builder().detectors(EnumSet.noneOf(BuiltinDetector.class));
        Set<BuiltinDetector> detectors = EnumSet.noneOf(BuiltinDetector.class);
        boolean scans = false;
        List<GuardPlan.Rule> rules = new ArrayList<>();
        int n = 0;
        for (Decl.GuardStmt s : g.statements()) {
            n++;
            GuardPlan.Verb verb = GuardPlan.Verb.valueOf(s.verb().name());
            RedactionStyle style = style(s.redactAs(), redactionKey);
            String label = g.name().text() + "#" + n;
            String source = describe(s);
            GuardPlan.Rule rule = switch (s.check()) {
                case Decl.PiiCheck p -> {
                    Set<String> ids = builtins(p.kinds(), BuiltinDetector.Family.PII, "pii.", detectors);
                    scans = true;
                    yield new GuardPlan.Rule(verb, GuardPlan.Kind.DETECT, ids, null, null, 0, null, null, style, s.reason(), source);
                }
                case Decl.SecretsCheck x -> {
                    Set<String> ids = builtins(x.kinds(), BuiltinDetector.Family.SECRET, "secret.", detectors);
                    scans = true;
                    yield new GuardPlan.Rule(verb, GuardPlan.Kind.DETECT, ids, null, null, 0, null, null, style, s.reason(), source);
                }
                case Decl.InjectionCheck i -> {
                    detectors.add(BuiltinDetector.INJECTION);
                    scans = true;
                    yield new GuardPlan.Rule(verb, GuardPlan.Kind.DETECT, Set.of(BuiltinDetector.INJECTION.id()), null, null, 0,
                            null, null, style, s.reason(), source);
                }
                case Decl.PhrasesCheck p -> {
                    List<String> terms = p.file() != null ? lines(policy.baseDir().resolve(p.file()))
                            : p.phrases().stream().map(e -> ((Expr.Str) e).value()).toList();
                    set.phrases(label, terms, true);
                    scans = true;
                    yield new GuardPlan.Rule(verb, GuardPlan.Kind.DETECT, Set.of(), label, null, 0, null, null, style, s.reason(), source);
                }
                case Decl.RegexCheck r -> {
                    set.regex(label, inlineFlags(r.regex().flags()) + r.regex().pattern());
                    scans = true;
                    yield new GuardPlan.Rule(verb, GuardPlan.Kind.DETECT, Set.of(), label, null, 0, null, null, style, s.reason(), source);
                }
                case Decl.WhenCheck w -> new GuardPlan.Rule(verb, GuardPlan.Kind.WHEN, Set.of(), null, exprs.condition(w.condition()),
                        0, null, null, style, s.reason(), source);
                case Decl.SizeCheck z -> new GuardPlan.Rule(verb, GuardPlan.Kind.SIZE, Set.of(), null, null,
                        exprs.compile(z.amount()).lng(new EvalContext()), null, null, style, s.reason(), source);
                case Decl.JsonCheck j -> new GuardPlan.Rule(verb, GuardPlan.Kind.JSON, Set.of(), null, null, 0,
                        j.schemaFile() == null ? null : JsonSchemaCheck.compile(read(policy.baseDir().resolve(j.schemaFile()))),
                        null, style, s.reason(), source);
                case Decl.PluginCheck p -> new GuardPlan.Rule(verb, GuardPlan.Kind.PLUGIN, Set.of(), null, null, 0, null,
                        p.detector(), style, s.reason(), source);
            };
            rules.add(rule);
        }
        set.detectors(detectors);
        return new GuardPlan(g.name().text(), g.phase().text().equals("output"),
                g.mods().when() == null ? null : exprs.condition(g.mods().when()), g.mods().monitor(),
                scans ? set.build() : null, List.copyOf(rules));
    }

    private static String describe(Decl.GuardStmt s) {
        String what = switch (s.check()) {
            case Decl.WhenCheck w -> "when " + ExprPrinter.print(w.condition());
            case Decl.PiiCheck p -> "pii" + kinds(p.kinds());
            case Decl.SecretsCheck x -> "secrets" + kinds(x.kinds());
            case Decl.InjectionCheck i -> "injection";
            case Decl.PhrasesCheck p -> p.file() != null ? "phrases from \"" + p.file() + "\"" : "phrases";
            case Decl.RegexCheck r -> "regex " + r.regex().text();
            case Decl.SizeCheck z -> "size > " + ExprPrinter.print(z.amount());
            case Decl.JsonCheck j -> "invalid json" + (j.schemaFile() == null ? "" : " schema \"" + j.schemaFile() + "\"");
            case Decl.PluginCheck p -> "detector \"" + p.detector() + "\"";
        };
        return s.verb().name().toLowerCase(Locale.ROOT) + " " + what;
    }

    private static String kinds(List<Name> kinds) {
        return kinds.isEmpty() ? "" : " [" + String.join(", ", kinds.stream().map(Name::text).toList()) + "]";
    }

    private static Set<String> builtins(List<Name> kinds, BuiltinDetector.Family family, String prefix, Set<BuiltinDetector> into) {
        Set<String> ids = new HashSet<>();
        if (kinds.isEmpty()) {
            for (BuiltinDetector d : BuiltinDetector.of(family)) {
                into.add(d);
                ids.add(d.id());
            }
            return Set.copyOf(ids);
        }
        for (Name k : kinds) {
            BuiltinDetector d = BuiltinDetector.byId(prefix + k.text());
            if (d == null) throw new IllegalStateException("checked policy names unknown detector " + prefix + k.text());
            into.add(d);
            ids.add(d.id());
        }
        return Set.copyOf(ids);
    }

    private static String inlineFlags(String flags) {
        return flags.isEmpty() ? "" : "(?" + flags + ")";
    }

    private static RedactionStyle style(Name as, byte[] key) {
        String s = as == null ? "mask" : as.text();
        return switch (s) {
            case "placeholder" -> new RedactionStyle.Placeholder();
            case "hash" -> new RedactionStyle.KeyedHash(key, 8);
            default -> new RedactionStyle.Mask('*', true, null);
        };
    }

    private static List<String> lines(Path file) {
        return read(file).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
