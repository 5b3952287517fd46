package io.llmpolicy.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CalendarWindowTest {

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @ParameterizedTest(name = "{0} {1} at {2}")
    @CsvSource({
        // unit,  zone,               instant,                  expected start,           expected end
        // Month ends and leap years
        "DAY,    UTC,                 2028-02-29T12:00:00Z,     2028-02-29T00:00:00Z,     2028-03-01T00:00:00Z",
        "MONTH,  UTC,                 2028-02-15T00:00:00Z,     2028-02-01T00:00:00Z,     2028-03-01T00:00:00Z",
        "MONTH,  UTC,                 2027-02-28T23:59:59.999Z, 2027-02-01T00:00:00Z,     2027-03-01T00:00:00Z",
        "MONTH,  UTC,                 2026-12-31T23:59:59.999Z, 2026-12-01T00:00:00Z,     2027-01-01T00:00:00Z",
        "MONTH,  UTC,                 2027-01-01T00:00:00Z,     2027-01-01T00:00:00Z,     2027-02-01T00:00:00Z",
        // Time zones: the window follows the local calendar
        "MONTH,  Europe/Berlin,       2026-01-31T23:30:00Z,     2026-01-31T23:00:00Z,     2026-02-28T23:00:00Z",
        "MONTH,  Europe/Berlin,       2026-03-15T12:00:00Z,     2026-02-28T23:00:00Z,     2026-03-31T22:00:00Z",
        "DAY,    America/New_York,    2026-11-27T03:00:00Z,     2026-11-26T05:00:00Z,     2026-11-27T05:00:00Z",
        "WEEK,   UTC,                 2026-11-27T10:00:00Z,     2026-11-23T00:00:00Z,     2026-11-30T00:00:00Z",
        "WEEK,   UTC,                 2026-11-23T00:00:00Z,     2026-11-23T00:00:00Z,     2026-11-30T00:00:00Z",
        "HOUR,   Asia/Kolkata,        2026-11-27T10:45:00Z,     2026-11-27T10:30:00Z,     2026-11-27T11:30:00Z",
        "MINUTE, UTC,                 2026-11-27T10:45:59.999Z, 2026-11-27T10:45:00Z,     2026-11-27T10:46:00Z",
        // Europe/Berlin spring forward, 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z): a 23-hour day
        "DAY,    Europe/Berlin,       2026-03-29T12:00:00Z,     2026-03-28T23:00:00Z,     2026-03-29T22:00:00Z",
        "HOUR,   Europe/Berlin,       2026-03-29T00:30:00Z,     2026-03-29T00:00:00Z,     2026-03-29T01:00:00Z",
        "HOUR,   Europe/Berlin,       2026-03-29T01:00:00Z,     2026-03-29T01:00:00Z,     2026-03-29T02:00:00Z",
        // Europe/Berlin fall back, 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z): a 25-hour day, a 2-hour 02:00 hour
        "DAY,    Europe/Berlin,       2026-10-25T12:00:00Z,     2026-10-24T22:00:00Z,     2026-10-25T23:00:00Z",
        "HOUR,   Europe/Berlin,       2026-10-25T00:30:00Z,     2026-10-25T00:00:00Z,     2026-10-25T02:00:00Z",
        "HOUR,   Europe/Berlin,       2026-10-25T01:30:00Z,     2026-10-25T00:00:00Z,     2026-10-25T02:00:00Z",
        "HOUR,   Europe/Berlin,       2026-10-24T23:59:59.999Z, 2026-10-24T23:00:00Z,     2026-10-25T00:00:00Z",
        // America/New_York spring forward, 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z)
        "DAY,    America/New_York,    2026-03-08T12:00:00Z,     2026-03-08T05:00:00Z,     2026-03-09T04:00:00Z",
        "HOUR,   America/New_York,    2026-03-08T06:30:00Z,     2026-03-08T06:00:00Z,     2026-03-08T07:00:00Z",
        "HOUR,   America/New_York,    2026-03-08T07:00:00Z,     2026-03-08T07:00:00Z,     2026-03-08T08:00:00Z",
        // America/New_York fall back, 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z)
        "DAY,    America/New_York,    2026-11-01T12:00:00Z,     2026-11-01T04:00:00Z,     2026-11-02T05:00:00Z",
        "HOUR,   America/New_York,    2026-11-01T05:30:00Z,     2026-11-01T05:00:00Z,     2026-11-01T07:00:00Z",
        "HOUR,   America/New_York,    2026-11-01T06:59:59.999Z, 2026-11-01T05:00:00Z,     2026-11-01T07:00:00Z",
        "MONTH,  America/New_York,    2026-11-15T00:00:00Z,     2026-11-01T04:00:00Z,     2026-12-01T05:00:00Z",
        // Midnight in a DST gap: Sao Paulo 2018-11-04 00:00 -> 01:00; the day starts at 01:00 local
        "DAY,    America/Sao_Paulo,   2018-11-04T12:00:00Z,     2018-11-04T03:00:00Z,     2018-11-05T02:00:00Z",
        "DAY,    America/Sao_Paulo,   2018-11-04T02:59:59.999Z, 2018-11-03T03:00:00Z,     2018-11-04T03:00:00Z",
        // A half-hour fall back: Lord Howe 2026-04-05 02:00 +11 -> 01:30 +10:30 (15:00Z); the 01:00 hour lasts 90 min
        "HOUR,   Australia/Lord_Howe, 2026-04-04T15:10:00Z,     2026-04-04T14:00:00Z,     2026-04-04T15:30:00Z",
        "HOUR,   Australia/Lord_Howe, 2026-04-04T14:50:00Z,     2026-04-04T14:00:00Z,     2026-04-04T15:30:00Z",
    })
    void spanAt_matchesLocalCalendar(CalendarUnit unit, String zone, String at, String start, String end) {
        CalendarWindow window = BudgetWindow.calendar(unit, ZoneId.of(zone));
        WindowSpan span = window.spanAt(ms(at));
        assertThat(span).isEqualTo(new WindowSpan(ms(start), ms(end)));
        // The edges agree with the neighbouring windows: no overlap, no gap.
        assertThat(window.startOf(span.endMillis())).isEqualTo(span.endMillis());
        assertThat(window.endOf(span.startMillis() - 1)).isEqualTo(span.startMillis());
    }

    @Test
    void dayLengths_aroundDst_are23And25Hours() {
        CalendarWindow berlin = BudgetWindow.calendar(CalendarUnit.DAY, ZoneId.of("Europe/Berlin"));
        assertThat(length(berlin.spanAt(ms("2026-03-29T12:00:00Z")))).isEqualTo(Duration.ofHours(23));
        assertThat(length(berlin.spanAt(ms("2026-10-25T12:00:00Z")))).isEqualTo(Duration.ofHours(25));
        assertThat(length(berlin.spanAt(ms("2026-10-26T12:00:00Z")))).isEqualTo(Duration.ofHours(24));
    }

    private static Duration length(WindowSpan span) {
        return Duration.ofMillis(span.endMillis() - span.startMillis());
    }
}
