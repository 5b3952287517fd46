package io.llmpolicy.plugin;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host lends a plugin when it creates a configured instance: environment variables (for API keys) and
 * the clock (for Retry-After dates, simulated latency). Injected rather than read from {@code System} so tests and
 * replays are deterministic.
 *
 * <p>Implementations must be thread-safe.
 */
public interface PluginEnvironment {

    /** The value of an environment variable, if it is set and not blank. */
    Optional<String> variable(String name);

    /** The clock plugins read "now" from. */
    Clock clock();

    /**
     * The variable named by {@code config.apiKeyEnv()}.
     *
     * @throws IllegalStateException naming the endpoint and the variable when the variable is not set
     */
    default Optional<String> apiKey(EndpointConfig config) {
        if (config.apiKeyEnv().isEmpty()) {
            return Optional.empty();
        }
        String var = config.apiKeyEnv().get();
        return Optional.of(variable(var).orElseThrow(() -> new IllegalStateException(
                "endpoint '" + config.name() + "': environment variable " + var + " (its API key) is not set")));
    }

    /** The process environment and the system UTC clock. */
    static PluginEnvironment system() {
        return of(System.getenv(), Clock.systemUTC());
    }

    /** A fixed environment, for tests and embedders that keep secrets elsewhere. */
    static PluginEnvironment of(Map<String, String> variables, Clock clock) {
        Map<String, String> vars = Map.copyOf(variables);
        Objects.requireNonNull(clock, "clock");
        return new PluginEnvironment() {
            @Override
            public Optional<String> variable(String name) {
                return Optional.ofNullable(vars.get(name)).filter(v -> !v.isBlank());
            }

            @Override
            public Clock clock() {
                return clock;
            }
        };
    }
}
