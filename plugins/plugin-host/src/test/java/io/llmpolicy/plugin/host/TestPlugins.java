package io.llmpolicy.plugin.host;

import io.llmpolicy.plugin.ModelProviderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.pf4j.Extension;

/**
 * Builds real plugin artefacts inside tests, offline: compiles Java sources with {@code javax.tools} against the
 * plugin API, PF4J and the test classes, then packs plugin jars and PF4J zips ({@code plugin.properties} +
 * {@code lib/*.jar}). The extension index is written by hand, as PF4J's annotation processor would.
 */
final class TestPlugins {
    private TestPlugins() {}

    static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles {@code sources} (fully qualified class name → source) into {@code out}. */
    static Path compile(Path out, Map<String, String> sources, Path... classpathFirst) {
        try {
            Path src = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src"));
            List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-nowarn", "-d", out.toString()));
            List<String> cp = new ArrayList<>();
            for (Path p : classpathFirst) {
                cp.add(p.toString());
            }
            cp.add(location(ModelProviderFactory.class).toString());
            cp.add(location(Extension.class).toString());
            cp.add(location(TestGate.class).toString());
            args.add("-cp");
            args.add(String.join(java.io.File.pathSeparator, cp));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            Files.createDirectories(out);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = javac.run(null, null, err, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("test plugin sources do not compile:\n" + err.toString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Packs the classes of {@code packageName} from {@code classes} into a jar, with an extension index listing
     * {@code extensions} and optional PF4J manifest attributes.
     */
    static Path jar(Path jarFile, Path classes, String packageName, List<String> extensions, Map<String, String> manifest) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        try {
            Files.createDirectories(jarFile.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jarFile), m)) {
                Path pkg = classes.resolve(packageName.replace('.', '/'));
                if (Files.isDirectory(pkg)) {
                    try (Stream<Path> files = Files.walk(pkg)) {
                        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                            out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                            Files.copy(f, out);
                            out.closeEntry();
                        }
                    }
                }
                if (!extensions.isEmpty()) {
                    out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                    out.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            return jarFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PF4J plugin zip: {@code plugin.properties} (omitted when null) and the jars under {@code lib/}. */
    static Path zip(Path zipFile, Map<String, String> properties, Path... libJars) {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zipFile))) {
            if (properties != null) {
                out.putNextEntry(new ZipEntry("plugin.properties"));
                StringBuilder s = new StringBuilder();
                properties.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
                out.write(s.toString().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("lib/"));
            out.closeEntry();
            for (Path jar : libJars) {
                out.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                Files.copy(jar, out);
                out.closeEntry();
            }
            return zipFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code plugin.properties} entries. */
    static Map<String, String> descriptor(String id, String version, String... more) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("plugin.id", id);
        p.put("plugin.version", version);
        for (int i = 0; i + 1 < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    static void write(Path file, byte[] bytes) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
