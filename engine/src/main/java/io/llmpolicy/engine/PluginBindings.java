package io.llmpolicy.engine;

import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.engine.compile.PluginFunctions;
import io.llmpolicy.plugin.ChatMessage;
import io.llmpolicy.plugin.EvalScorer;
import io.llmpolicy.plugin.FunctionSignature;
import io.llmpolicy.plugin.GuardrailDetector;
import io.llmpolicy.plugin.ScoreInput;
import io.llmpolicy.plugin.ValueType;
import io.llmpolicy.plugin.host.PluginExtension;
import io.llmpolicy.plugin.host.PluginFunction;
import io.llmpolicy.plugin.host.PluginHost;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connects a policy to the extensions of a {@link PluginHost}: declared functions (signatures checked when the
 * policy loads), {@code detector "id"} guardrails and {@code score NAME using "id"} scorers. Every call goes through
 * the host's boundary, so a plugin that throws or hangs becomes a typed error naming the plugin, the function and
 * the policy location. Values cross in the plugin API's types (money as BigDecimal USD, durations as Duration).
 */
final class PluginBindings {
    private final PluginHost host;
    private final ScriptBinder scripts;

    /** Binds functions written in JavaScript (the scripting runtime); the default refuses them with a clear message. */
    interface ScriptBinder {
        io.llmpolicy.engine.compile.PluginFunctions.Call bind(Decl.Function declaration,
                                                              io.llmpolicy.dsl.check.ScriptSettings limits);

        ScriptBinder NONE = (d, limits) -> {
            throw new IllegalStateException("function " + d.name().text() + " at " + d.span().position()
                    + " is a script; this engine has no scripting runtime configured");
        };
    }

    PluginBindings(PluginHost host) {
        this(host, ScriptBinder.NONE);
    }

    PluginBindings(PluginHost host, ScriptBinder scripts) {
        this.host = host;
        this.scripts = scripts;
    }

    /**
     * Binds declared functions; a missing function or a signature that differs fails the load. Script functions run
     * under {@code scriptLimits}, the policy's {@code scripts} settings.
     */
    PluginFunctions functions(io.llmpolicy.dsl.check.ScriptSettings scriptLimits) {
        return declaration -> {
            String name = declaration.name().text();
            if (declaration.script() != null) return scripts.bind(declaration, scriptLimits);
            if (host == null) {
                return args -> {
                    throw new IllegalStateException("plugin function " + name + " from plugin \"" + declaration.plugin()
                            + "\" is not loaded (the engine has no plugins)");
                };
            }
            // A plugin names its functions with a prefix (acme.keyword_overlap); the policy declares the short name
            // and the plugin it comes from.
            PluginFunction fn = host.function(name).or(() -> host.functions().stream()
                    .filter(f -> f.extension().pluginId().equals(declaration.plugin()) && f.name().endsWith("." + name)).findFirst())
                    .orElseThrow(() -> new IllegalStateException("policy declares function " + name + " from plugin \""
                            + declaration.plugin() + "\", but no loaded plugin provides it; loaded: " + host.functionSignatures().keySet()));
            checkSignature(declaration, fn.signature());
            String location = declaration.span().position();
            return args -> {
                List<Object> converted = new ArrayList<>(args.length);
                for (int i = 0; i < args.length; i++) converted.add(toPlugin(args[i], fn.signature().parameters().get(i)));
                return fromPlugin(host.boundary().invoke(fn, converted, location), fn.signature().returns());
            };
        };
    }

    private static void checkSignature(Decl.Function d, FunctionSignature s) {
        List<String> declared = d.params().stream().map(p -> p.type().text()).toList();
        List<String> provided = s.parameters().stream().map(PluginBindings::name).toList();
        if (!declared.equals(provided) || !d.returns().text().equals(name(s.returns()))) { // parameter names may differ, types may not
            throw new IllegalStateException("function " + d.name().text() + " at " + d.span().position() + " is declared ("
                    + String.join(", ", declared) + ") -> " + d.returns().text() + " but plugin \"" + d.plugin() + "\" provides ("
                    + String.join(", ", provided) + ") -> " + name(s.returns()));
        }
    }

    private static String name(ValueType t) {
        return t.kind() == ValueType.Kind.LIST ? "list<" + name(t.element()) + ">" : t.kind().name().toLowerCase();
    }

    private static Object toPlugin(Object v, ValueType t) {
        return switch (t.kind()) {
            case MONEY -> BigDecimal.valueOf(((Number) v).longValue(), 9);
            case DURATION -> Duration.ofMillis(((Number) v).longValue());
            default -> v;
        };
    }

    private static Object fromPlugin(Object v, ValueType t) {
        return switch (t.kind()) {
            case MONEY -> ((BigDecimal) v).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            case DURATION -> ((Duration) v).toMillis();
            case NUMBER -> ((Number) v).doubleValue();
            case TOKENS -> ((Number) v).longValue();
            default -> v;
        };
    }

    /** Findings of a plugin detector on {@code text}, or empty when the plugin is not loaded. */
    Optional<List<io.llmpolicy.plugin.Finding>> detect(String detector, String text, String location) {
        if (host == null) return Optional.empty();
        Optional<PluginExtension<GuardrailDetector>> d = host.detector(detector);
        return d.map(x -> host.boundary().scan(x, text, location, Duration.ofSeconds(2)));
    }

    /** A plugin scorer's score of an answer, NaN when the scorer is not loaded or fails. */
    double score(String scorer, List<Message> prompt, String output, String expected, String location) {
        if (host == null) return Double.NaN;
        Optional<PluginExtension<EvalScorer>> s = host.scorer(scorer);
        if (s.isEmpty()) return Double.NaN;
        List<ChatMessage> messages = prompt.stream().map(m -> new ChatMessage(
                m.role().equals("system") ? ChatMessage.Role.SYSTEM : m.role().equals("assistant") ? ChatMessage.Role.ASSISTANT
                        : ChatMessage.Role.USER, m.content())).toList();
        try {
            return host.boundary().call(s.get(), "score", location, Duration.ofSeconds(5),
                    x -> x.score(new ScoreInput(messages, output, expected, Map.of()))).value();
        } catch (RuntimeException e) {
            return Double.NaN; // a failing scorer scores NaN: assertions on it fail, the request is unaffected
        }
    }
}
