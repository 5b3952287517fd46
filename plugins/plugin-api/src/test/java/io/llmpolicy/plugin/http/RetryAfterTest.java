package io.llmpolicy.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "retry-after|2|2000",
            "retry-after|0.5|500",
            "retry-after|Fri, 27 Nov 2026 10:00:30 GMT|30000",
            "retry-after|Fri, 27 Nov 2026 09:59:00 GMT|0",
            "retry-after|soon|none",
            "retry-after|-3|none",
            "retry-after-ms|1500|1500",
            "x-other|5|none"})
    void from_headers_givesTheRequestedDelay(String header, String value, Long expectedMillis) {
        HttpHeaders h = HttpHeaders.of(Map.of(header, List.of(value)), (a, b) -> true);
        Optional<Duration> d = RetryAfter.from(h, CLOCK);
        if (expectedMillis == null) {
            assertThat(d).isEmpty();
        } else {
            assertThat(d).contains(Duration.ofMillis(expectedMillis));
        }
    }
}
