package io.llmpolicy.plugin.host;

import io.llmpolicy.plugin.AlertSink;
import io.llmpolicy.plugin.AlertSinkFactory;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.EvalScorer;
import io.llmpolicy.plugin.FunctionSignature;
import io.llmpolicy.plugin.GuardrailDetector;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.ModelProviderFactory;
import io.llmpolicy.plugin.PluginApi;
import io.llmpolicy.plugin.PluginEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Loads plugins and hands the engine their extensions. Plugins come from a directory (PF4J zips, jars or
 * unpacked directories, each in its own class loader) and from in-process registrations
 * ({@link Builder#builtIn}) such as the mock provider on the class path. A plugin that fails to unpack, load,
 * resolve or start is reported in {@link #report()} with its reason; the rest keep working.
 *
 * <pre>{@code
 * try (PluginHost host = PluginHost.builder()
 *         .pluginsDirectory(Path.of("plugins"))
 *         .builtIn("mock", "0.1.0", new MockProviderFactory())
 *         .callTimeout(Duration.ofSeconds(2))
 *         .start()) {
 *     System.out.print(host.report().format());
 *     PluginExtension<ModelProvider> p = host.createProvider("openai", config, PluginEnvironment.system(), "models.llmpolicy:3:1");
 *     host.boundary().callAsync(p, "complete", "support.llmpolicy:12:5", Duration.ofSeconds(35),
 *             provider -> provider.complete(request, CallOptions.of(id).withTimeout(Duration.ofSeconds(30))));
 * }
 * }</pre>
 *
 * <p>Thread-safe once {@link Builder#start()} has returned: lookups read immutable maps, calls go through the
 * thread-safe {@link PluginBoundary}. {@link #close()} stops plugins and closes providers and sinks this host
 * created; call it once no request uses them.
 */
public final class PluginHost implements AutoCloseable {
    private final PluginReport report;
    private final ExtensionCatalog catalog;
    private final PluginBoundary boundary;
    private final PluginLoading loading;
    private final Duration lifecycleTimeout;
    private final List<AutoCloseable> created = new CopyOnWriteArrayList<>();

    private PluginHost(PluginReport report, ExtensionCatalog catalog, PluginBoundary boundary, PluginLoading loading,
                       Duration lifecycleTimeout) {
        this.report = report;
        this.catalog = catalog;
        this.boundary = boundary;
        this.loading = loading;
        this.lifecycleTimeout = lifecycleTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What was loaded and what failed, with reasons. */
    public PluginReport report() {
        return report;
    }

    /** The boundary every call into plugin code goes through. */
    public PluginBoundary boundary() {
        return boundary;
    }

    /**
     * Creates a provider for one endpoint through the plugin that serves {@code providerType}.
     *
     * @param location the policy location that declares the endpoint, for error messages
     * @throws UnknownExtensionException when no loaded plugin serves the type
     * @throws PluginCallException       when the factory rejects the configuration (cause: its exception) or hangs
     */
    public PluginExtension<ModelProvider> createProvider(String providerType, EndpointConfig config,
                                                         PluginEnvironment environment, String location) {
        PluginExtension<ModelProviderFactory> f = find(catalog.providers, "provider type", providerType);
        ModelProvider p = boundary.call(f, "create", location, lifecycleTimeout, x -> x.create(config, environment));
        if (p == null) {
            throw PluginCallException.badResult(f.pluginId(), "create", location, "null instead of a provider");
        }
        created.add(p);
        return f.with(p);
    }

    /** Creates an alert sink through the plugin that serves {@code sinkType}; failures as {@link #createProvider}. */
    public PluginExtension<AlertSink> createAlertSink(String sinkType, EndpointConfig config,
                                                      PluginEnvironment environment, String location) {
        PluginExtension<AlertSinkFactory> f = find(catalog.sinks, "sink type", sinkType);
        AlertSink s = boundary.call(f, "create", location, lifecycleTimeout, x -> x.create(config, environment));
        if (s == null) {
            throw PluginCallException.badResult(f.pluginId(), "create", location, "null instead of a sink");
        }
        created.add(s);
        return f.with(s);
    }

    public Optional<PluginExtension<GuardrailDetector>> detector(String id) {
        return Optional.ofNullable(catalog.detectors.get(id));
    }

    public Optional<PluginExtension<EvalScorer>> scorer(String id) {
        return Optional.ofNullable(catalog.scorers.get(id));
    }

    public Optional<PluginFunction> function(String name) {
        return Optional.ofNullable(catalog.functions.get(name));
    }

    /** Every plugin function; their signatures are what the language checker resolves calls against. */
    public List<PluginFunction> functions() {
        return List.copyOf(catalog.functions.values());
    }

    /** Signatures of every plugin function, by name. */
    public Map<String, FunctionSignature> functionSignatures() {
        Map<String, FunctionSignature> m = new LinkedHashMap<>();
        catalog.functions.forEach((k, v) -> m.put(k, v.signature()));
        return Collections.unmodifiableMap(m);
    }

    public List<String> providerTypes() {
        return List.copyOf(catalog.providers.keySet());
    }

    public List<String> sinkTypes() {
        return List.copyOf(catalog.sinks.keySet());
    }

    /** Every registered extension implementing {@code point} (one of the plugin-api extension points). */
    @SuppressWarnings("unchecked")
    public <T> List<PluginExtension<T>> extensions(Class<T> point) {
        List<PluginExtension<T>> out = new ArrayList<>();
        for (PluginExtension<?> e : catalog.byType.getOrDefault(point, List.of())) {
            out.add((PluginExtension<T>) e);
        }
        return out;
    }

    /** Closes created providers and sinks, stops plugins (reverse start order), closes their class loaders. */
    @Override
    public void close() {
        for (AutoCloseable c : created) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort: a plugin's close failing must not keep the others open
            }
        }
        created.clear();
        if (loading != null) {
            loading.stopAll();
        }
        boundary.close();
    }

    private static <T> PluginExtension<T> find(Map<String, PluginExtension<T>> map, String what, String name) {
        PluginExtension<T> e = map.get(name);
        if (e == null) {
            throw new UnknownExtensionException(what, name, map.keySet());
        }
        return e;
    }

    /** Configures and starts a host. Not thread-safe. */
    public static final class Builder {
        private Path directory;
        private String systemVersion = PluginApi.systemVersion();
        private Duration callTimeout = Duration.ofSeconds(5);
        private Duration lifecycleTimeout = Duration.ofSeconds(10);
        private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int queue = 1024;
        private final List<BuiltIn> builtIns = new ArrayList<>();

        private record BuiltIn(String id, String version, List<Object> extensions) {}

        private Builder() {}

        /** The directory to load plugins from; without one only built-ins are registered. */
        public Builder pluginsDirectory(Path dir) {
            this.directory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The version checked against {@code Plugin-Requires}; default {@link PluginApi#systemVersion()}. */
        public Builder systemVersion(String version) {
            this.systemVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Default time-out of {@link PluginBoundary} calls; zero runs them on the caller's thread. Default 5 s. */
        public Builder callTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("callTimeout must not be negative: " + timeout);
            }
            this.callTimeout = timeout;
            return this;
        }

        /** Time-out for a plugin's start, stop, extension creation and {@code create} calls. Default 10 s. */
        public Builder lifecycleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lifecycleTimeout must be positive: " + timeout);
            }
            this.lifecycleTimeout = timeout;
            return this;
        }

        /** Worker threads for calls with a time-out (default: processors, at least 2) and their queue (default 1024). */
        public Builder callPool(int threads, int queue) {
            if (threads < 1 || queue < 1) {
                throw new IllegalArgumentException("callPool needs threads >= 1 and queue >= 1, got " + threads + ", " + queue);
            }
            this.threads = threads;
            this.queue = queue;
            return this;
        }

        /**
         * Registers extensions from the host's own class path as if they were a plugin called {@code id}: no
         * directory, no class-loader isolation, same boundary and report. Each object must implement at least
         * one extension point.
         */
        public Builder builtIn(String id, String version, Object... extensions) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("built-in plugin id must not be blank");
            }
            if (extensions.length == 0) {
                throw new IllegalArgumentException("built-in plugin '" + id + "' has no extensions");
            }
            builtIns.add(new BuiltIn(id, version, List.of(extensions)));
            return this;
        }

        /** Registers built-ins, loads and starts the directory's plugins, and returns the running host. */
        public PluginHost start() {
            PluginBoundary boundary = new PluginBoundary(callTimeout, threads, queue);
            ExtensionCatalog catalog = new ExtensionCatalog();
            List<PluginStatus> statuses = new ArrayList<>();
            for (BuiltIn b : builtIns) {
                try {
                    List<String> described = catalog.register(b.id, b.version, b.extensions, boundary, lifecycleTimeout);
                    statuses.add(new PluginStatus(b.id, b.version, PluginStatus.Source.BUILT_IN,
                            PluginStatus.State.STARTED, "classpath", "", described));
                } catch (RuntimeException e) {
                    statuses.add(new PluginStatus(b.id, b.version, PluginStatus.Source.BUILT_IN,
                            PluginStatus.State.FAILED, "classpath", "extension failed: " + PluginLoading.describe(e), List.of()));
                }
            }
            PluginLoading loading = null;
            if (directory != null) {
                loading = new PluginLoading(directory, systemVersion, boundary, lifecycleTimeout, catalog);
                loading.run();
                statuses.addAll(loading.statuses());
            }
            PluginReport report = new PluginReport(systemVersion, Optional.ofNullable(directory), statuses, catalog.warnings);
            return new PluginHost(report, catalog, boundary, loading, lifecycleTimeout);
        }
    }
}
