package io.llmpolicy.provider.mock;

import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.ModelProviderFactory;
import io.llmpolicy.plugin.PluginEnvironment;
import org.pf4j.Extension;

/**
 * Creates {@code mock} providers. Public so an embedder (the CLI demo, tests) can register it in-process from the
 * classpath instead of loading the plugin zip. Stateless and thread-safe.
 */
@Extension
public final class MockProviderFactory implements ModelProviderFactory {

    @Override
    public String providerType() {
        return "mock";
    }

    @Override
    public ModelProvider create(EndpointConfig config, PluginEnvironment environment) {
        return new MockProvider(config.name(), MockSettings.from(config), config.requestTimeout());
    }
}
