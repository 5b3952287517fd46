package io.llmpolicy.plugin.host;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionWrapper;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's manager with our loader and plugin factory, driven step by step by {@link PluginLoading} instead of
 * {@code loadPlugins()}/{@code startPlugins()}: those log and swallow failures (a plugin that fails to unpack or
 * load simply vanishes), and they are not thread-safe. Here each step's failure is caught per plugin and reported.
 *
 * <p>Not thread-safe; used by one thread while the host starts, then only for extension lookups made during start.
 */
final class HostPluginManager extends DefaultPluginManager {

    HostPluginManager(Path root, String systemVersion) {
        super(root);
        setSystemVersion(systemVersion);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new IsolatingPluginLoader(this, io.llmpolicy.plugin.ModelProviderFactory.class.getClassLoader());
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new PluginInstances();
    }

    /** Never development mode, whatever {@code pf4j.mode} says: that would read plugins from source folders. */
    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    /** The plugin id the descriptor at {@code path} declares, if it can be read. */
    Optional<String> peekId(Path path) {
        try {
            return Optional.ofNullable(getPluginDescriptorFinder().find(path).getPluginId()).filter(s -> !s.isBlank());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    PluginWrapper load(Path path) {
        return loadPluginFromPath(path);
    }

    /** Whether the plugin's {@code Plugin-Requires} accepts this host's version. */
    boolean acceptsHostVersion(PluginWrapper w) {
        return isPluginValid(w);
    }

    boolean disabledByStatusFile(String pluginId) {
        return isPluginDisabled(pluginId);
    }

    boolean versionSatisfies(String version, String constraint) {
        return constraint == null || constraint.isBlank() || constraint.equals("*")
                || getVersionManager().checkVersionConstraint(version, constraint);
    }

    /** Forgets a plugin that will not run and closes its class loader. */
    void remove(PluginWrapper w) {
        plugins.remove(w.getPluginId());
        unresolvedPlugins.remove(w);
        resolvedPlugins.remove(w);
        closeLoader(getPluginClassLoaders().remove(w.getPluginId()));
    }

    /** Resolves dependencies; returns the plugins in dependency order. */
    List<PluginWrapper> resolve() {
        resolvePlugins();
        return new ArrayList<>(getResolvedPlugins());
    }

    <T> List<ExtensionWrapper<T>> extensionWrappers(Class<T> type, String pluginId) {
        return extensionFinder.find(type, pluginId);
    }

    void closeLoaders() {
        for (ClassLoader cl : new ArrayList<>(getPluginClassLoaders().values())) {
            closeLoader(cl);
        }
        getPluginClassLoaders().clear();
    }

    private static void closeLoader(ClassLoader cl) {
        if (cl instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the jar files are closed as far as they can be; nothing else holds them
            }
        }
    }
}
