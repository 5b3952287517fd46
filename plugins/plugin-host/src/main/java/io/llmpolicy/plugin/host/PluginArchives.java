package io.llmpolicy.plugin.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds plugin candidates in a directory and unpacks zips. Zips are unpacked into a private temporary directory
 * rather than next to the zip (PF4J's habit), so a read-only plugin directory works and nothing is left behind.
 */
final class PluginArchives {
    private PluginArchives() {}

    /** Zips, jars and (non-hidden) directories in {@code dir}, by file name. */
    static List<Path> candidates(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).forEach(p -> {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    return;
                }
                if (Files.isDirectory(p) || name.endsWith(".zip") || name.endsWith(".jar")) {
                    out.add(p);
                }
            });
        }
        return out;
    }

    /** Unpacks {@code zip} into a new directory under {@code into}; entries escaping it are rejected. */
    static Path unpack(Path zip, Path into) throws IOException {
        String name = zip.getFileName().toString();
        Path target = into.resolve(name.substring(0, name.length() - ".zip".length()));
        Files.createDirectories(target);
        Path root = target.toRealPath();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            var entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path out = root.resolve(e.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("entry '" + e.getName() + "' would be written outside the plugin directory");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return target;
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file still mapped by a JVM that has not released it; the temp directory is best effort
                }
            });
        } catch (IOException ignored) {
            // same as above
        }
    }
}
