package io.llmpolicy.engine.budget;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The calendar unit of a {@link CalendarWindow}. Weeks start on Monday (ISO 8601). */
public enum CalendarUnit {
    MINUTE, HOUR, DAY, WEEK, MONTH;

    private final String text = name().toLowerCase(java.util.Locale.ROOT);

    /** The unit as written in policies: {@code minute}, {@code hour}, {@code day}, {@code week}, {@code month}. */
    public String text() {
        return text;
    }

    /** The first local date-time of the unit containing {@code t}: its label. */
    LocalDateTime truncate(LocalDateTime t) {
        return switch (this) {
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.toLocalDate().atStartOfDay();
            case WEEK -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
            case MONTH -> t.toLocalDate().withDayOfMonth(1).atStartOfDay();
        };
    }

    /** The label of the next unit after the one labelled {@code label}. */
    LocalDateTime next(LocalDateTime label) {
        return switch (this) {
            case MINUTE -> label.plusMinutes(1);
            case HOUR -> label.plusHours(1);
            case DAY -> label.plusDays(1);
            case WEEK -> label.plusWeeks(1);
            case MONTH -> label.plusMonths(1);
        };
    }
}
