package io.llmpolicy.provider.anthropic;

import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.ModelProviderFactory;
import io.llmpolicy.plugin.PluginEnvironment;
import org.pf4j.Extension;

/** Creates {@code anthropic} providers, one per configured endpoint. Stateless and thread-safe. */
@Extension
public final class AnthropicProviderFactory implements ModelProviderFactory {

    @Override
    public String providerType() {
        return "anthropic";
    }

    @Override
    public ModelProvider create(EndpointConfig config, PluginEnvironment environment) {
        return new AnthropicProvider(AnthropicSettings.from(config, environment), environment);
    }
}
