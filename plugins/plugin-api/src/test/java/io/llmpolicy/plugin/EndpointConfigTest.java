package io.llmpolicy.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointConfigTest {

    @Test
    void defaults_fillEveryUnsetField() {
        EndpointConfig c = EndpointConfig.of("main");
        assertThat(c.baseUrl()).isEmpty();
        assertThat(c.connectTimeout()).isEqualTo(EndpointConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(c.requestTimeout()).isEqualTo(EndpointConfig.DEFAULT_REQUEST_TIMEOUT);
        assertThat(c.baseUrlOr("https://api.example.com/v1/")).hasToString("https://api.example.com/v1");
    }

    @Test
    void invalidValues_areRejectedWithTheirName() {
        assertThatThrownBy(() -> EndpointConfig.builder("x").baseUrl("ftp://h/").build())
                .hasMessageContaining("base URL must be http or https");
        assertThatThrownBy(() -> EndpointConfig.builder("x").requestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout must be positive");
        assertThatThrownBy(() -> EndpointConfig.of(" ")).hasMessageContaining("name must not be blank");
    }

    @Test
    void apiKey_missingVariable_namesEndpointAndVariable() {
        EndpointConfig c = EndpointConfig.builder("azure-eu").apiKeyEnv("AZURE_KEY").build();
        PluginEnvironment empty = PluginEnvironment.of(Map.of(), Clock.systemUTC());
        assertThatThrownBy(() -> empty.apiKey(c))
                .hasMessage("endpoint 'azure-eu': environment variable AZURE_KEY (its API key) is not set");
        PluginEnvironment env = PluginEnvironment.of(Map.of("AZURE_KEY", "k1"), Clock.systemUTC());
        assertThat(env.apiKey(c)).contains("k1");
        assertThat(env.apiKey(EndpointConfig.of("local"))).isEmpty();
    }

    @Test
    void apiVersion_isTheFilteredBuildVersion() {
        assertThat(PluginApi.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(PluginApi.systemVersion()).matches("\\d+\\.\\d+\\.\\d+");
    }
}
