package io.llmpolicy.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this plugin API. The plugin host uses {@link #systemVersion()} as PF4J's system version, so a
 * plugin declaring {@code Plugin-Requires: >=0.1.0} loads on any host built with API 0.1.0 or later.
 *
 * <p>Thread-safe: constants only.
 */
public final class PluginApi {
    private static final String VERSION = readVersion();

    private PluginApi() {}

    /** The full build version, for example {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /**
     * The version compared with {@code Plugin-Requires}: {@link #version()} without a pre-release suffix, because
     * semantic versioning orders {@code 0.1.0-SNAPSHOT} before {@code 0.1.0} and a development build would
     * otherwise reject every plugin that requires {@code >=0.1.0}.
     */
    public static String systemVersion() {
        int dash = VERSION.indexOf('-');
        return dash < 0 ? VERSION : VERSION.substring(0, dash);
    }

    private static String readVersion() {
        try (InputStream in = PluginApi.class.getResourceAsStream("plugin-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("plugin-api.properties missing from the plugin-api jar");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            if (v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException("plugin-api.properties was not filtered by the build: " + v);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
