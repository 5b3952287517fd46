package io.llmpolicy.plugin;

import org.pf4j.ExtensionPoint;

/**
 * Extension point for alert sinks. Like {@link ModelProviderFactory}, one factory serves a delivery mechanism
 * ({@code webhook}) and creates one configured {@link AlertSink} per destination the policy names.
 *
 * <p>Threading: thread-safe.
 */
public interface AlertSinkFactory extends ExtensionPoint {

    /** The sink type policies name, for example {@code webhook}. */
    String sinkType();

    /**
     * Creates a sink for one destination.
     *
     * @throws IllegalArgumentException when the configuration is invalid (no URL...)
     * @throws IllegalStateException    when the environment lacks something required
     */
    AlertSink create(EndpointConfig config, PluginEnvironment environment);
}
