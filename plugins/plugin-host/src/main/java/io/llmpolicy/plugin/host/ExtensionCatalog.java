package io.llmpolicy.plugin.host;

import io.llmpolicy.plugin.AlertSinkFactory;
import io.llmpolicy.plugin.EvalScorer;
import io.llmpolicy.plugin.FunctionSignature;
import io.llmpolicy.plugin.GuardrailDetector;
import io.llmpolicy.plugin.ModelProviderFactory;
import io.llmpolicy.plugin.PolicyFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every registered extension, indexed by the name policies use. Filled while the host starts (one thread), read
 * only afterwards. The first plugin to claim a name keeps it (built-ins register first); later claims become
 * warnings, never silent replacements.
 */
final class ExtensionCatalog {
    /** The extension points the host knows, with the word used in reports. */
    static final Map<Class<?>, String> POINTS = Map.of(
            ModelProviderFactory.class, "provider", AlertSinkFactory.class, "sink",
            GuardrailDetector.class, "detector", EvalScorer.class, "scorer", PolicyFunction.class, "function");

    final Map<String, PluginExtension<ModelProviderFactory>> providers = new LinkedHashMap<>();
    final Map<String, PluginExtension<AlertSinkFactory>> sinks = new LinkedHashMap<>();
    final Map<String, PluginExtension<GuardrailDetector>> detectors = new LinkedHashMap<>();
    final Map<String, PluginExtension<EvalScorer>> scorers = new LinkedHashMap<>();
    final Map<String, PluginFunction> functions = new LinkedHashMap<>();
    final Map<Class<?>, List<PluginExtension<?>>> byType = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();

    /** One extension's identity, read through the boundary before anything is registered. */
    private record Entry(Class<?> point, String name, FunctionSignature signature, PluginExtension<?> extension) {}

    /**
     * Registers one plugin's extensions and returns their descriptions. Identities (provider type, detector id,
     * function signature...) are all read first, so a plugin whose extension misbehaves registers nothing.
     *
     * @throws PluginCallException   when reading an identity throws or times out
     * @throws IllegalStateException when an identity is blank or an object implements no extension point
     */
    List<String> register(String pluginId, String version, List<Object> instances, PluginBoundary boundary, Duration timeout) {
        List<Entry> entries = new ArrayList<>();
        for (Object instance : instances) {
            PluginExtension<Object> ext = new PluginExtension<>(pluginId, version, instance);
            int matched = 0;
            if (instance instanceof ModelProviderFactory f) {
                entries.add(new Entry(ModelProviderFactory.class, name(boundary, ext, "providerType", timeout, f::providerType), null, ext));
                matched++;
            }
            if (instance instanceof AlertSinkFactory f) {
                entries.add(new Entry(AlertSinkFactory.class, name(boundary, ext, "sinkType", timeout, f::sinkType), null, ext));
                matched++;
            }
            if (instance instanceof GuardrailDetector d) {
                entries.add(new Entry(GuardrailDetector.class, name(boundary, ext, "id", timeout, d::id), null, ext));
                matched++;
            }
            if (instance instanceof EvalScorer s) {
                entries.add(new Entry(EvalScorer.class, name(boundary, ext, "id", timeout, s::id), null, ext));
                matched++;
            }
            if (instance instanceof PolicyFunction fn) {
                FunctionSignature sig = boundary.run(pluginId, "signature", "", timeout, ext.classLoader(), fn::signature);
                if (sig == null) {
                    throw new IllegalStateException(instance.getClass().getName() + ".signature() returned null");
                }
                entries.add(new Entry(PolicyFunction.class, sig.name(), sig, ext));
                matched++;
            }
            if (matched == 0) {
                throw new IllegalStateException(instance.getClass().getName()
                        + " implements none of the llmpolicy extension points");
            }
        }
        List<String> described = new ArrayList<>();
        for (Entry e : entries) {
            String word = POINTS.get(e.point);
            String label = word + " " + (e.signature != null ? e.signature.toString() : e.name);
            if (!claim(e)) {
                warnings.add(word + " '" + e.name + "' of plugin '" + pluginId + "' ignored: plugin '"
                        + owner(e) + "' already provides it");
                label += " (ignored: duplicate)";
            } else {
                byType.computeIfAbsent(e.point, k -> new ArrayList<>()).add(e.extension);
            }
            described.add(label);
        }
        return described;
    }

    @SuppressWarnings("unchecked")
    private boolean claim(Entry e) {
        PluginExtension<?> x = e.extension;
        return switch (POINTS.get(e.point)) {
            case "provider" -> providers.putIfAbsent(e.name, (PluginExtension<ModelProviderFactory>) x) == null;
            case "sink" -> sinks.putIfAbsent(e.name, (PluginExtension<AlertSinkFactory>) x) == null;
            case "detector" -> detectors.putIfAbsent(e.name, (PluginExtension<GuardrailDetector>) x) == null;
            case "scorer" -> scorers.putIfAbsent(e.name, (PluginExtension<EvalScorer>) x) == null;
            default -> functions.putIfAbsent(e.name,
                    new PluginFunction((PluginExtension<PolicyFunction>) x, e.signature)) == null;
        };
    }

    private String owner(Entry e) {
        PluginExtension<?> x = switch (POINTS.get(e.point)) {
            case "provider" -> providers.get(e.name);
            case "sink" -> sinks.get(e.name);
            case "detector" -> detectors.get(e.name);
            case "scorer" -> scorers.get(e.name);
            default -> functions.get(e.name).extension();
        };
        return x.pluginId();
    }

    private static String name(PluginBoundary boundary, PluginExtension<Object> ext, String function, Duration timeout,
                               java.util.concurrent.Callable<String> read) {
        String n = boundary.run(ext.pluginId(), function, "", timeout, ext.classLoader(), read);
        if (n == null || n.isBlank()) {
            throw new IllegalStateException(ext.extension().getClass().getName() + "." + function + "() returned a blank name");
        }
        return n;
    }
}
