package io.llmpolicy.plugin.host;

import java.time.Duration;

/**
 * A call into a plugin failed in a way the plugin's contract does not allow: it threw, did not return within its
 * time-out, returned a result of the wrong type, or could not be scheduled. The message names the plugin, the
 * function and the policy location that made the call, for example
 * {@code plugin 'acme-tools' scan at support.llmpolicy:12:5 threw IllegalStateException: boom}.
 *
 * <p>Classified provider failures ({@code ProviderException}) and alert delivery failures are not wrapped: they
 * are part of those contracts and pass through the boundary unchanged. Immutable.
 */
public final class PluginCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the call failed. */
    public enum Kind {
        /** The plugin threw; {@link #getCause()} is what it threw. */
        THREW,
        /** The call did not finish within its time-out; it was abandoned and its thread interrupted. */
        TIMED_OUT,
        /** The result broke the contract (wrong type, span outside the text, no future...). */
        BAD_RESULT,
        /** The bounded call pool and its queue were full; the plugin was not called. */
        REJECTED,
        /** The calling thread was interrupted while waiting for the plugin. */
        INTERRUPTED
    }

    private final String pluginId;
    private final String function;
    private final String location;
    private final Kind kind;

    PluginCallException(String pluginId, String function, String location, Kind kind, String detail, Throwable cause) {
        super(message(pluginId, function, location, detail), cause);
        this.pluginId = pluginId;
        this.function = function;
        this.location = location;
        this.kind = kind;
    }

    static PluginCallException threw(String pluginId, String function, String location, Throwable cause) {
        String m = cause.getMessage();
        return new PluginCallException(pluginId, function, location, Kind.THREW,
                "threw " + cause.getClass().getSimpleName() + (m == null ? "" : ": " + m), cause);
    }

    static PluginCallException timedOut(String pluginId, String function, String location, Duration timeout) {
        return new PluginCallException(pluginId, function, location, Kind.TIMED_OUT,
                "did not return within " + timeout, null);
    }

    static PluginCallException badResult(String pluginId, String function, String location, String why) {
        return new PluginCallException(pluginId, function, location, Kind.BAD_RESULT,
                "returned an invalid result: " + why, null);
    }

    private static String message(String pluginId, String function, String location, String detail) {
        return "plugin '" + pluginId + "' " + function + (location == null || location.isEmpty() ? "" : " at " + location)
                + " " + detail;
    }

    public String pluginId() {
        return pluginId;
    }

    /** The plugin function that was called, for example {@code scan} or {@code complete}. */
    public String function() {
        return function;
    }

    /** The caller-supplied policy location, for example {@code support.llmpolicy:12:5}, or {@code ""}. */
    public String location() {
        return location;
    }

    public Kind kind() {
        return kind;
    }
}
