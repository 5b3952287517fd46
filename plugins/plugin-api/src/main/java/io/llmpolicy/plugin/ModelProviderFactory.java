package io.llmpolicy.plugin;

import org.pf4j.ExtensionPoint;

/**
 * Extension point for model providers. One factory serves a wire format ({@code openai}, {@code anthropic}...);
 * the engine asks it for one {@link ModelProvider} per configured endpoint, because one plugin typically serves
 * many endpoints (OpenAI, Azure OpenAI, vLLM and Ollama all speak the OpenAI format).
 *
 * <p>Threading: thread-safe; {@link #create} may be called concurrently.
 */
public interface ModelProviderFactory extends ExtensionPoint {

    /** The provider type policies name, for example {@code openai}. Lower case, stable across versions. */
    String providerType();

    /**
     * Creates a provider for one endpoint.
     *
     * @throws IllegalArgumentException when the configuration is invalid (unknown option value, bad header...)
     * @throws IllegalStateException    when the environment lacks something required (the API key variable)
     */
    ModelProvider create(EndpointConfig config, PluginEnvironment environment);
}
