package io.llmpolicy.plugin.host;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: PF4J's plugin-first loader (the plugin's own classes and {@code lib/} jars win, so two
 * plugins can bundle different versions of one library), with two host rules on top:
 * <ul>
 *   <li>the plugin API ({@code io.llmpolicy.plugin.*}) always comes from the host, even if a plugin bundled a copy
 *       by mistake — otherwise its extensions would implement a different {@code ModelProviderFactory} interface
 *       and silently not be found;</li>
 *   <li>extension indexes ({@code META-INF/extensions.idx}, {@code META-INF/services/*}) are read from the plugin
 *       only, so a plugin never claims extensions that live on the host's class path.</li>
 * </ul>
 */
final class ApiFirstClassLoader extends PluginClassLoader {
    private static final String API_PREFIX = "io.llmpolicy.plugin.";
    private static final String HOST_PREFIX = "io.llmpolicy.plugin.host.";

    ApiFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent);
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        if (name.startsWith(API_PREFIX) && !name.startsWith(HOST_PREFIX)) {
            return getParent().loadClass(name);
        }
        return super.loadClass(name);
    }

    @Override
    public URL getResource(String name) {
        return isIndex(name) ? findResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isIndex(name) ? findResources(name) : super.getResources(name);
    }

    private static boolean isIndex(String name) {
        return name.equals("META-INF/extensions.idx") || name.startsWith("META-INF/services/");
    }
}
