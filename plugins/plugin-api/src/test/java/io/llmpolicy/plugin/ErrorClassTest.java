package io.llmpolicy.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorClassTest {

    @ParameterizedTest
    @CsvSource({"400,BAD_REQUEST", "401,AUTH", "403,AUTH", "404,BAD_REQUEST", "408,TIMEOUT", "413,CONTEXT_LENGTH",
            "422,BAD_REQUEST", "429,RATE_LIMITED", "500,SERVER_ERROR", "502,SERVER_ERROR", "503,SERVER_ERROR",
            "504,TIMEOUT", "529,SERVER_ERROR"})
    void forHttpStatus_mapsEveryErrorStatus(int status, ErrorClass expected) {
        assertThat(ErrorClass.forHttpStatus(status)).isEqualTo(expected);
    }

    @Test
    void forHttpStatus_success_isNotAnError() {
        assertThatThrownBy(() -> ErrorClass.forHttpStatus(200)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(ErrorClass.class)
    void policyName_roundTrips(ErrorClass c) {
        assertThat(ErrorClass.fromPolicyName(c.policyName())).isEqualTo(c);
    }

    @Test
    void fromPolicyName_unknown_listsTheKnownNames() {
        assertThatThrownBy(() -> ErrorClass.fromPolicyName("ratelimited"))
                .hasMessageContaining("unknown error class 'ratelimited'").hasMessageContaining("rate_limited");
    }

    @Test
    void providerException_describesItselfCompletely() {
        ProviderException e = new ProviderException(ErrorClass.RATE_LIMITED, 429, Duration.ofSeconds(2),
                "rate_limit_exceeded", "slow down", null);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(e).hasToString("ProviderException[rate_limited, HTTP 429, rate_limit_exceeded, retry after PT2S]: slow down");
        assertThatThrownBy(() -> new ProviderException(ErrorClass.TIMEOUT, -1, null, "", "x", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
