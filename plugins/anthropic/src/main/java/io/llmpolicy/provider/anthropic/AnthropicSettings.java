package io.llmpolicy.provider.anthropic;

import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.PluginEnvironment;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** An endpoint's configuration, validated and resolved once at creation. */
record AnthropicSettings(EndpointConfig config, URI messagesUri, URI modelsUri, Optional<String> apiKey,
                         String version, int defaultMaxTokens) {

    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String DEFAULT_VERSION = "2023-06-01";
    private static final Set<String> OPTIONS = Set.of("anthropic_version", "default_max_tokens");

    static AnthropicSettings from(EndpointConfig config, PluginEnvironment env) {
        for (String key : config.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("endpoint '" + config.name() + "': unknown anthropic option '"
                        + key + "'; known options: " + String.join(", ", OPTIONS.stream().sorted().toList()));
            }
        }
        int maxTokens;
        try {
            maxTokens = Integer.parseInt(config.option("default_max_tokens", "1024"));
        } catch (NumberFormatException e) {
            maxTokens = -1;
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("endpoint '" + config.name()
                    + "': option default_max_tokens must be a positive integer, got '" + config.option("default_max_tokens", "") + "'");
        }
        String base = config.baseUrlOr(DEFAULT_BASE_URL).toString();
        return new AnthropicSettings(config, URI.create(base + "/v1/messages"), URI.create(base + "/v1/models"),
                env.apiKey(config), config.option("anthropic_version", DEFAULT_VERSION), maxTokens);
    }
}
