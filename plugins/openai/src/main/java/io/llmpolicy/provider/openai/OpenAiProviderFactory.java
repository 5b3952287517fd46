package io.llmpolicy.provider.openai;

import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.ModelProviderFactory;
import io.llmpolicy.plugin.PluginEnvironment;
import org.pf4j.Extension;

/** Creates {@code openai} providers, one per configured endpoint. Stateless and thread-safe. */
@Extension
public final class OpenAiProviderFactory implements ModelProviderFactory {

    @Override
    public String providerType() {
        return "openai";
    }

    @Override
    public ModelProvider create(EndpointConfig config, PluginEnvironment environment) {
        return new OpenAiProvider(OpenAiSettings.from(config, environment), environment);
    }
}
