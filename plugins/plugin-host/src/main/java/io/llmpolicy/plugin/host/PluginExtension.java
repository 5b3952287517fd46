package io.llmpolicy.plugin.host;

import java.util.Objects;

/**
 * An extension (or a configured instance a plugin created, such as a {@code ModelProvider}) together with the
 * plugin it came from, so every call through {@link PluginBoundary} can name the plugin when it fails. Immutable.
 *
 * @param pluginId      the plugin's id ({@code Plugin-Id}), or the id it was registered under when built in
 * @param pluginVersion the plugin's version
 * @param extension     the instance; its class loader is the plugin's
 */
public record PluginExtension<T>(String pluginId, String pluginVersion, T extension) {
    public PluginExtension {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        Objects.requireNonNull(extension, "extension");
    }

    /** The class loader plugin code runs with (set as the thread's context class loader during calls). */
    ClassLoader classLoader() {
        ClassLoader cl = extension.getClass().getClassLoader();
        return cl != null ? cl : ClassLoader.getSystemClassLoader();
    }

    <U> PluginExtension<U> with(U other) {
        return new PluginExtension<>(pluginId, pluginVersion, other);
    }
}
