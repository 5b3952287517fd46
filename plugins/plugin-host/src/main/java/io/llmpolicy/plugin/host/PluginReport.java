package io.llmpolicy.plugin.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which plugins a {@link PluginHost} loaded and which failed, with reasons — what {@code llmpolicy plugins list}
 * prints. Immutable.
 *
 * @param systemVersion the host version plugins' {@code Plugin-Requires} was checked against
 * @param directory     the plugin directory, if one was given
 * @param plugins       every plugin, built-ins first, then the directory's in file-name order
 * @param warnings      problems that did not fail a plugin (duplicate ids, a plugin without extensions...)
 */
public record PluginReport(String systemVersion, Optional<Path> directory, List<PluginStatus> plugins,
                           List<String> warnings) {

    public PluginReport {
        plugins = List.copyOf(plugins);
        warnings = List.copyOf(warnings);
    }

    public List<PluginStatus> started() {
        return plugins.stream().filter(p -> p.state() == PluginStatus.State.STARTED).toList();
    }

    public List<PluginStatus> failed() {
        return plugins.stream().filter(p -> p.state() == PluginStatus.State.FAILED).toList();
    }

    public Optional<PluginStatus> plugin(String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * A plain-text listing: a summary line, one line per plugin (id, version, state, source, then what it provides
     * or why it failed), then the warnings.
     */
    public String format() {
        StringBuilder s = new StringBuilder();
        long disabled = plugins.stream().filter(p -> p.state() == PluginStatus.State.DISABLED).count();
        s.append(started().size()).append(" started, ").append(failed().size()).append(" failed");
        if (disabled > 0) {
            s.append(", ").append(disabled).append(" disabled");
        }
        s.append(" (host version ").append(systemVersion);
        directory.ifPresent(d -> s.append(", directory ").append(d));
        s.append(")\n");
        int idWidth = plugins.stream().mapToInt(p -> p.id().length()).max().orElse(2);
        int versionWidth = plugins.stream().mapToInt(p -> p.version().length()).max().orElse(1);
        for (PluginStatus p : plugins) {
            s.append("  ").append(pad(p.id(), idWidth)).append("  ").append(pad(p.version().isEmpty() ? "-" : p.version(), versionWidth))
                    .append("  ").append(pad(p.state().name(), 8)).append("  ")
                    .append(pad(p.source() == PluginStatus.Source.BUILT_IN ? "built-in" : "directory", 9)).append("  ");
            if (p.state() == PluginStatus.State.STARTED) {
                s.append(p.extensions().isEmpty() ? "(no extensions)" : String.join(", ", p.extensions()));
            } else {
                s.append(p.reason());
            }
            s.append('\n');
        }
        for (String w : warnings) {
            s.append("warning: ").append(w).append('\n');
        }
        return s.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
