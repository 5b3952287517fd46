package io.llmpolicy.provider.openai;

import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.PluginEnvironment;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** An endpoint's configuration, validated and resolved (URLs, key, auth style) once at creation. */
record OpenAiSettings(EndpointConfig config, URI chatUri, URI modelsUri, Auth auth, Optional<String> apiKey,
                      String maxTokensField, boolean streamUsage) {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    private static final Set<String> OPTIONS = Set.of("api_version", "auth", "max_tokens_field", "stream_usage");

    enum Auth { BEARER, API_KEY, NONE }

    static OpenAiSettings from(EndpointConfig config, PluginEnvironment env) {
        for (String key : config.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("endpoint '" + config.name() + "': unknown openai option '" + key
                        + "'; known options: " + String.join(", ", OPTIONS.stream().sorted().toList()));
            }
        }
        Optional<String> apiVersion = config.option("api_version");
        String base = config.baseUrlOr(DEFAULT_BASE_URL).toString();
        String query = apiVersion.map(v -> "?api-version=" + v).orElse("");
        Optional<String> key = env.apiKey(config);
        Auth auth = switch (config.option("auth", apiVersion.isPresent() ? "api-key" : key.isPresent() ? "bearer" : "none")) {
            case "bearer" -> Auth.BEARER;
            case "api-key" -> Auth.API_KEY;
            case "none" -> Auth.NONE;
            default -> throw new IllegalArgumentException("endpoint '" + config.name()
                    + "': option auth must be bearer, api-key or none, got '" + config.option("auth", "") + "'");
        };
        if (auth != Auth.NONE && key.isEmpty()) {
            throw new IllegalArgumentException("endpoint '" + config.name() + "': auth " + auth.name().toLowerCase()
                    + " needs apiKeyEnv (the environment variable holding the key)");
        }
        String maxTokensField = config.option("max_tokens_field", "max_tokens");
        if (!maxTokensField.equals("max_tokens") && !maxTokensField.equals("max_completion_tokens")) {
            throw new IllegalArgumentException("endpoint '" + config.name()
                    + "': option max_tokens_field must be max_tokens or max_completion_tokens, got '" + maxTokensField + "'");
        }
        String streamUsage = config.option("stream_usage", "true");
        if (!streamUsage.equals("true") && !streamUsage.equals("false")) {
            throw new IllegalArgumentException("endpoint '" + config.name()
                    + "': option stream_usage must be true or false, got '" + streamUsage + "'");
        }
        return new OpenAiSettings(config, URI.create(base + "/chat/completions" + query),
                URI.create(base + "/models" + query), auth, key, maxTokensField, Boolean.parseBoolean(streamUsage));
    }
}
