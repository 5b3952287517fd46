package io.llmpolicy.plugin.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a server asked us to wait: {@code retry-after-ms} (OpenAI, Azure), then {@code Retry-After} as
 * delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Unparseable values are ignored rather than guessed.
 *
 * <p>Stateless and thread-safe.
 */
public final class RetryAfter {
    private RetryAfter() {}

    /** The delay the headers ask for, never negative; empty when they do not say. */
    public static Optional<Duration> from(HttpHeaders headers, Clock clock) {
        Optional<Duration> ms = headers.firstValue("retry-after-ms").flatMap(v -> number(v, 1));
        if (ms.isPresent()) {
            return ms;
        }
        return headers.firstValue("retry-after").flatMap(v -> parse(v, clock));
    }

    /** Parses one {@code Retry-After} value: seconds (integer or decimal) or an HTTP-date relative to the clock. */
    public static Optional<Duration> parse(String value, Clock clock) {
        String v = value.strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (Character.isDigit(v.charAt(0))) {
            return number(v, 1000);
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> number(String v, long millisPerUnit) {
        try {
            double units = Double.parseDouble(v.strip());
            if (Double.isNaN(units) || units < 0 || units > 7 * 24 * 3600_000d) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.round(units * millisPerUnit)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
