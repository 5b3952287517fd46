package io.llmpolicy.plugin.host;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates a plugin's {@link Plugin} object. Unlike PF4J's default factory it fails with a message saying what is
 * wrong (class missing, not a {@code Plugin}, constructor threw) instead of returning null, and a plugin without
 * {@code Plugin-Class} (only extensions, the common case) gets a plain {@code Plugin} with no-op start and stop.
 */
final class PluginInstances implements PluginFactory {

    @Override
    @SuppressWarnings("deprecation")
    public Plugin create(PluginWrapper wrapper) {
        String name = wrapper.getDescriptor().getPluginClass();
        if (name == null || name.isBlank() || name.equals(Plugin.class.getName())) {
            return new Plugin();
        }
        Class<?> type;
        try {
            type = wrapper.getPluginClassLoader().loadClass(name);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PluginRuntimeException(e, "Plugin-Class {} cannot be loaded: {}", name, e.toString());
        }
        if (!Plugin.class.isAssignableFrom(type)) {
            throw new PluginRuntimeException("Plugin-Class {} does not extend org.pf4j.Plugin", name);
        }
        try {
            try {
                Constructor<?> c = type.getConstructor();
                return (Plugin) c.newInstance();
            } catch (NoSuchMethodException e) {
                Constructor<?> c = type.getConstructor(PluginWrapper.class);
                return (Plugin) c.newInstance(wrapper);
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PluginRuntimeException(cause, "Plugin-Class {} constructor threw {}", name, cause.toString());
        } catch (ReflectiveOperationException e) {
            throw new PluginRuntimeException(e, "Plugin-Class {} cannot be instantiated: {}", name, e.toString());
        }
    }
}
