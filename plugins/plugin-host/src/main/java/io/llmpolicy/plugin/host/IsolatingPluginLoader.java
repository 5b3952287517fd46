package io.llmpolicy.plugin.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;

/**
 * Builds a plugin's {@link ApiFirstClassLoader} from a plugin jar, or from a plugin directory (an unpacked zip):
 * {@code classes/} if present, then every jar in {@code lib/} in name order.
 */
final class IsolatingPluginLoader implements PluginLoader {
    private final PluginManager manager;
    private final ClassLoader parent;

    IsolatingPluginLoader(PluginManager manager, ClassLoader parent) {
        this.manager = manager;
        this.parent = parent;
    }

    @Override
    public boolean isApplicable(Path path) {
        return Files.isDirectory(path) || (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar"));
    }

    @Override
    public ClassLoader loadPlugin(Path path, PluginDescriptor descriptor) {
        ApiFirstClassLoader loader = new ApiFirstClassLoader(manager, descriptor, parent);
        if (Files.isRegularFile(path)) {
            loader.addFile(path.toFile());
            return loader;
        }
        Path classes = path.resolve("classes");
        if (Files.isDirectory(classes)) {
            loader.addFile(classes.toFile());
        }
        Path lib = path.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
                        .forEach(p -> loader.addFile(p.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!Files.isDirectory(classes) && !Files.isDirectory(lib)) {
            throw new PluginRuntimeException("plugin directory " + path + " has neither classes/ nor lib/");
        }
        return loader;
    }
}
