package io.llmpolicy.plugin.host;

import java.util.List;
import java.util.Objects;

/**
 * What became of one plugin. Immutable.
 *
 * @param id         the plugin id, or the file name when the descriptor could not be read
 * @param version    the plugin version, or {@code ""} when unknown
 * @param source     where it came from
 * @param state      what state it is in
 * @param location   the file or directory it was loaded from, or {@code classpath} for built-ins
 * @param reason     why it failed or is disabled; {@code ""} when started
 * @param extensions what it provides, for example {@code provider openai}, {@code function acme.overlap(string) -> bool}
 */
public record PluginStatus(String id, String version, Source source, State state, String location, String reason,
                           List<String> extensions) {

    /** Where a plugin came from. */
    public enum Source { BUILT_IN, DIRECTORY }

    /** What state a plugin is in. */
    public enum State {
        /** Loaded, started, its extensions registered. */
        STARTED,
        /** Could not be read, loaded, resolved or started, or one of its extensions could not be created. */
        FAILED,
        /** Listed in the plugin directory's {@code disabled.txt} (or missing from {@code enabled.txt}). */
        DISABLED
    }

    public PluginStatus {
        Objects.requireNonNull(id, "id");
        version = version == null ? "" : version;
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        location = location == null ? "" : location;
        reason = reason == null ? "" : reason;
        extensions = List.copyOf(extensions);
    }
}
