package io.llmpolicy.plugin;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of one endpoint a plugin serves: a provider endpoint ({@code openai} at Azure, at a local vLLM...)
 * or an alert sink (a webhook URL). One plugin creates many configured instances, one per endpoint.
 *
 * <p>Secrets are never stored here: {@link #apiKeyEnv()} names the environment variable that holds the key,
 * resolved through {@link PluginEnvironment} when the instance is created. Provider-specific settings go in
 * {@link #options()} (for example {@code api_version} for Azure OpenAI, or the mock provider's failure script).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name           the endpoint's name in the policy (used in messages)
 * @param baseUrl        the base URL, or empty for the plugin's default
 * @param apiKeyEnv      the name of the environment variable holding the API key, or empty when none is needed
 * @param headers        extra HTTP headers sent with every request (for example OpenRouter's {@code HTTP-Referer})
 * @param connectTimeout time-out for opening a connection
 * @param requestTimeout default time-out for a whole call when {@link CallOptions#timeout()} does not set one
 * @param options        plugin-specific settings, documented by each plugin
 */
public record EndpointConfig(String name, Optional<URI> baseUrl, Optional<String> apiKeyEnv,
                             Map<String, String> headers, Duration connectTimeout, Duration requestTimeout,
                             Map<String, String> options) {

    /** Default connect time-out: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default call time-out: 60 s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public EndpointConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be blank");
        }
        baseUrl = Objects.requireNonNullElse(baseUrl, Optional.empty());
        apiKeyEnv = Objects.requireNonNullElse(apiKeyEnv, Optional.<String>empty()).filter(s -> !s.isBlank());
        headers = copy(headers, "headers");
        options = copy(options, "options");
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        requestTimeout = positive(requestTimeout, DEFAULT_REQUEST_TIMEOUT, "requestTimeout");
        baseUrl.ifPresent(u -> {
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new IllegalArgumentException("endpoint '" + name + "': base URL must be http or https, got " + u);
            }
        });
    }

    /** A configuration with defaults everywhere; refine it with {@link #builder(String)}. */
    public static EndpointConfig of(String name) {
        return builder(name).build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The option's value, if set. */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** The option's value, or {@code fallback} when it is not set. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** The base URL, or {@code fallback} when none is configured; a trailing slash is removed. */
    public URI baseUrlOr(String fallback) {
        String s = baseUrl.map(URI::toString).orElse(fallback);
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    private static Map<String, String> copy(Map<String, String> m, String what) {
        if (m == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new IllegalArgumentException(what + " must not contain blank keys or null values: " + k + "=" + v);
            }
            out.put(k, v);
        });
        return Collections.unmodifiableMap(out);
    }

    private static Duration positive(Duration d, Duration fallback, String what) {
        if (d == null) {
            return fallback;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String name;
        private URI baseUrl;
        private String apiKeyEnv;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> options = new LinkedHashMap<>();
        private Duration connectTimeout;
        private Duration requestTimeout;

        private Builder(String name) {
            this.name = name;
        }

        public Builder baseUrl(String url) {
            this.baseUrl = URI.create(url);
            return this;
        }

        public Builder baseUrl(URI url) {
            this.baseUrl = url;
            return this;
        }

        public Builder apiKeyEnv(String variable) {
            this.apiKeyEnv = variable;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        public Builder options(Map<String, String> values) {
            options.putAll(values);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public EndpointConfig build() {
            return new EndpointConfig(name, Optional.ofNullable(baseUrl), Optional.ofNullable(apiKeyEnv), headers,
                    connectTimeout, requestTimeout, options);
        }
    }
}
