package io.llmpolicy.plugin.host;

import io.llmpolicy.plugin.AlertSinkFactory;
import io.llmpolicy.plugin.EvalScorer;
import io.llmpolicy.plugin.GuardrailDetector;
import io.llmpolicy.plugin.ModelProviderFactory;
import io.llmpolicy.plugin.PolicyFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.ExtensionWrapper;
import org.pf4j.PluginDependency;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads a plugin directory in explicit stages, each failure caught per plugin and reported with its reason:
 * <ol>
 *   <li>list candidates (zips, jars, directories) and unpack zips into a private temporary directory;</li>
 *   <li>read each descriptor and build its isolated class loader (PF4J {@code loadPluginFromPath});</li>
 *   <li>check {@code Plugin-Requires} against the host version, and {@code disabled.txt}/{@code enabled.txt};</li>
 *   <li>check dependencies (present, version in range), repeating until no more plugins drop out, so a plugin
 *       whose dependency failed fails too, naming it; then let PF4J order them (a cycle fails every plugin in it);</li>
 *   <li>start each plugin in dependency order under the lifecycle time-out;</li>
 *   <li>create its extensions and read their identities under the same time-out, then register them.</li>
 * </ol>
 * Order matters: a stage only sees the plugins that survived the previous ones.
 */
final class PluginLoading {
    private static final List<Class<?>> POINTS = List.of(ModelProviderFactory.class, AlertSinkFactory.class,
            GuardrailDetector.class, EvalScorer.class, PolicyFunction.class);

    private final Path directory;
    private final String systemVersion;
    private final PluginBoundary boundary;
    private final Duration lifecycleTimeout;
    private final ExtensionCatalog catalog;
    private final List<PluginStatus> statuses = new ArrayList<>();
    private final Map<Path, Path> unpackedFrom = new HashMap<>();
    private final List<PluginWrapper> started = new ArrayList<>();
    private HostPluginManager manager;
    private Path unpackDir;

    PluginLoading(Path directory, String systemVersion, PluginBoundary boundary, Duration lifecycleTimeout,
                  ExtensionCatalog catalog) {
        this.directory = directory;
        this.systemVersion = systemVersion;
        this.boundary = boundary;
        this.lifecycleTimeout = lifecycleTimeout;
        this.catalog = catalog;
    }

    /** Every plugin of the directory, in file-name order. */
    List<PluginStatus> statuses() {
        return statuses.stream().sorted(java.util.Comparator.comparing(PluginStatus::location)).toList();
    }

    /** Started plugins in start order (stop them in reverse). */
    List<PluginWrapper> started() {
        return started;
    }

    HostPluginManager manager() {
        return manager;
    }

    Path unpackDir() {
        return unpackDir;
    }

    void run() {
        if (!Files.isDirectory(directory)) {
            catalog.warnings.add("plugin directory " + directory + " does not exist or is not a directory");
            return;
        }
        List<Path> candidates;
        try {
            candidates = PluginArchives.candidates(directory);
        } catch (IOException e) {
            catalog.warnings.add("cannot list plugin directory " + directory + ": " + e.getMessage());
            return;
        }
        manager = new HostPluginManager(directory, systemVersion);
        List<PluginWrapper> loaded = new ArrayList<>();
        for (Path candidate : candidates) {
            Path path = candidate;
            try {
                if (candidate.getFileName().toString().endsWith(".zip")) {
                    path = PluginArchives.unpack(candidate, unpackDirCreated());
                    unpackedFrom.put(path, candidate);
                }
            } catch (IOException | RuntimeException e) {
                fail(candidate.getFileName().toString(), "", candidate, "cannot unpack: " + describe(e));
                continue;
            }
            try {
                loaded.add(manager.load(path));
            } catch (RuntimeException | LinkageError e) {
                String id = manager.peekId(path).orElse(candidate.getFileName().toString());
                String why = String.valueOf(e.getMessage()).startsWith("No PluginDescriptorFinder")
                        ? "no plugin descriptor: expected plugin.properties at the root of the zip or directory,"
                                + " or Plugin-Id and Plugin-Version in the jar manifest"
                        : describe(e);
                fail(id, "", candidate, "cannot load: " + why);
            }
        }
        List<PluginWrapper> usable = new ArrayList<>();
        for (PluginWrapper w : loaded) {
            if (!manager.acceptsHostVersion(w)) {
                fail(w, "requires host version " + w.getDescriptor().getRequires() + "; this host is " + systemVersion);
                manager.remove(w);
            } else if (manager.disabledByStatusFile(w.getPluginId())) {
                String why = Files.exists(directory.resolve("enabled.txt")) ? "not listed in enabled.txt"
                        : "listed in disabled.txt";
                statuses.add(status(w, PluginStatus.State.DISABLED, why, List.of()));
                manager.remove(w);
            } else {
                usable.add(w);
            }
        }
        dropMissingDependencies(usable);
        List<PluginWrapper> ordered;
        try {
            ordered = manager.resolve();
        } catch (RuntimeException e) {
            for (PluginWrapper w : usable) {
                fail(w, "cannot resolve dependencies: " + describe(e));
                manager.remove(w);
            }
            return;
        }
        for (PluginWrapper w : ordered) {
            start(w);
        }
    }

    private void dropMissingDependencies(List<PluginWrapper> usable) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, PluginWrapper> byId = new HashMap<>();
            usable.forEach(w -> byId.put(w.getPluginId(), w));
            for (PluginWrapper w : List.copyOf(usable)) {
                String problem = dependencyProblem(w, byId);
                if (problem != null) {
                    fail(w, problem);
                    manager.remove(w);
                    usable.remove(w);
                    changed = true;
                }
            }
        }
    }

    private String dependencyProblem(PluginWrapper w, Map<String, PluginWrapper> available) {
        for (PluginDependency d : w.getDescriptor().getDependencies()) {
            if (d.isOptional()) {
                continue;
            }
            PluginWrapper dep = available.get(d.getPluginId());
            if (dep == null) {
                return "requires plugin '" + d.getPluginId() + "', which is not loaded";
            }
            String version = dep.getDescriptor().getVersion();
            if (!manager.versionSatisfies(version, d.getPluginVersionSupport())) {
                return "requires plugin '" + d.getPluginId() + "' " + d.getPluginVersionSupport() + " but found " + version;
            }
        }
        return null;
    }

    private void start(PluginWrapper w) {
        Set<String> running = new HashSet<>();
        started.forEach(s -> running.add(s.getPluginId()));
        for (PluginDependency d : w.getDescriptor().getDependencies()) {
            if (!d.isOptional() && !running.contains(d.getPluginId())) {
                fail(w, "dependency '" + d.getPluginId() + "' did not start");
                return;
            }
        }
        ClassLoader loader = w.getPluginClassLoader();
        try {
            boundary.run(w.getPluginId(), "start", "", lifecycleTimeout, loader, () -> {
                w.getPlugin().start();
                return null;
            });
        } catch (PluginCallException e) {
            w.setPluginState(PluginState.FAILED);
            w.setFailedException(e.getCause() != null ? e.getCause() : e);
            fail(w, startFailure(e));
            return;
        }
        w.setPluginState(PluginState.STARTED);
        List<String> described;
        try {
            List<Object> instances = new ArrayList<>();
            for (Class<?> point : POINTS) {
                for (ExtensionWrapper<?> x : manager.extensionWrappers(point, w.getPluginId())) {
                    Object instance = create(w, x, loader);
                    if (instances.stream().noneMatch(i -> i == instance)) {
                        instances.add(instance);
                    }
                }
            }
            described = catalog.register(w.getPluginId(), w.getDescriptor().getVersion(), instances, boundary, lifecycleTimeout);
        } catch (RuntimeException e) {
            stopQuietly(w);
            w.setPluginState(PluginState.FAILED);
            fail(w, "extension failed: " + describe(e));
            return;
        }
        if (described.isEmpty()) {
            catalog.warnings.add("plugin '" + w.getPluginId() + "' provides no extensions"
                    + " (is META-INF/extensions.idx missing? see docs/plugins.md)");
        }
        started.add(w);
        statuses.add(status(w, PluginStatus.State.STARTED, "", described));
    }

    private Object create(PluginWrapper w, ExtensionWrapper<?> x, ClassLoader loader) {
        String name = x.getDescriptor().extensionClass.getName();
        try {
            return boundary.run(w.getPluginId(), "new " + name, "", lifecycleTimeout, loader, x::getExtension);
        } catch (PluginCallException e) {
            if (e.kind() != PluginCallException.Kind.THREW) {
                throw e;
            }
            Throwable root = e.getCause();
            while ((root instanceof org.pf4j.PluginRuntimeException
                    || root instanceof java.lang.reflect.InvocationTargetException) && root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException(name + " could not be created: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()), root);
        }
    }

    /** Stops started plugins in reverse start order under the lifecycle time-out; failures are ignored. */
    void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            stopQuietly(started.get(i));
        }
        started.clear();
        if (manager != null) {
            manager.closeLoaders();
        }
        PluginArchives.deleteTree(unpackDir);
    }

    private void stopQuietly(PluginWrapper w) {
        try {
            boundary.run(w.getPluginId(), "stop", "", lifecycleTimeout, w.getPluginClassLoader(), () -> {
                w.getPlugin().stop();
                return null;
            });
        } catch (PluginCallException ignored) {
            // a plugin that cannot stop cleanly is closed anyway: its class loader goes next
        }
        w.setPluginState(PluginState.STOPPED);
    }

    private static String startFailure(PluginCallException e) {
        return switch (e.kind()) {
            case TIMED_OUT -> "start() did not return within " + lifecycleTimeoutOf(e);
            case THREW -> "start() threw " + e.getCause().getClass().getSimpleName()
                    + (e.getCause().getMessage() == null ? "" : ": " + e.getCause().getMessage());
            default -> "start() " + e.getMessage();
        };
    }

    private static String lifecycleTimeoutOf(PluginCallException e) {
        String m = e.getMessage();
        int at = m.lastIndexOf("within ");
        return at < 0 ? "its time-out" : m.substring(at + 7);
    }

    private Path unpackDirCreated() throws IOException {
        if (unpackDir == null) {
            unpackDir = Files.createTempDirectory("llmpolicy-plugins-");
        }
        return unpackDir;
    }

    private void fail(PluginWrapper w, String reason) {
        statuses.add(status(w, PluginStatus.State.FAILED, reason, List.of()));
    }

    private void fail(String id, String version, Path location, String reason) {
        statuses.add(new PluginStatus(id, version, PluginStatus.Source.DIRECTORY, PluginStatus.State.FAILED,
                location.toString(), reason, List.of()));
    }

    private PluginStatus status(PluginWrapper w, PluginStatus.State state, String reason, List<String> extensions) {
        Path path = w.getPluginPath();
        Path shown = unpackedFrom.getOrDefault(path, path);
        return new PluginStatus(w.getPluginId(), w.getDescriptor().getVersion(), PluginStatus.Source.DIRECTORY, state,
                shown.toString(), reason, extensions);
    }

    static String describe(Throwable e) {
        if (e instanceof PluginCallException p && p.getCause() != null && p.kind() == PluginCallException.Kind.THREW) {
            return describe(p.getCause());
        }
        String m = e.getMessage();
        String s = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        if (e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null
                && !s.contains(e.getCause().getMessage())) {
            s += " (" + e.getCause().getMessage() + ")";
        }
        return s;
    }
}
