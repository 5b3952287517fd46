package io.llmpolicy.engine.budget;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * A budget window that follows the calendar of a time zone: "this day in Europe/Berlin". Immutable and
 * thread-safe.
 *
 * <p>Definition. The <em>label</em> of an instant is its local date-time in {@link #zone()} truncated to
 * {@link #unit()} (for a day window, the local date). A window is a maximal run of instants with the same label:
 * it starts at the first instant whose label differs from the instant before it, and ends (usage resets) at the
 * next such instant. This is "from the start of the calendar unit in that zone to the start of the next" stated
 * so that it also holds across offset changes:
 * <ul>
 *   <li>A day window whose midnight falls in a DST gap starts at the first instant of that local date (for
 *       example 01:00).</li>
 *   <li>Windows are as long as the wall clock says: the day of a spring-forward is 23 hours, the day of a
 *       fall-back 25 hours, and an hour window that contains a fall-back is two real hours long (the wall clock
 *       shows that hour twice and the label does not change in between). The spring-forward hour that the clock
 *       skips has no window.</li>
 *   <li>Month windows end at the first instant of the next month's first day, so February 2028 has 29 days.</li>
 * </ul>
 * Windows never overlap and leave no gaps: every instant lies in exactly one.
 *
 * @param unit the calendar unit
 * @param zone the zone whose calendar and wall clock define the windows
 */
public record CalendarWindow(CalendarUnit unit, ZoneId zone) implements BudgetWindow {

    /** Offset changes crossed while walking to a window edge; real zones need at most two per month. */
    private static final int MAX_TRANSITIONS = 16;

    public CalendarWindow {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(zone, "zone");
    }

    /** The window containing {@code epochMillis}. Allocates; callers cache the span until it ends. */
    public WindowSpan spanAt(long epochMillis) {
        return new WindowSpan(startOf(epochMillis), endOf(epochMillis));
    }

    /** First instant of the window containing {@code epochMillis}. */
    public long startOf(long epochMillis) {
        ZoneRules rules = zone.getRules();
        long t = epochMillis;
        for (int i = 0; i < MAX_TRANSITIONS; i++) {
            ZoneOffset offset = rules.getOffset(Instant.ofEpochMilli(t));
            LocalDateTime label = labelAt(t, offset);
            long start = millis(label, offset);
            // The last offset change at or before t: before it the offset differed.
            ZoneOffsetTransition change = rules.previousTransition(Instant.ofEpochMilli(t + 1));
            if (change == null) {
                return start;
            }
            long changeAt = change.toEpochSecond() * 1000;
            if (start > changeAt) {
                return start;
            }
            // The label already held at the change; did it hold just before it?
            if (!labelAt(changeAt - 1, change.getOffsetBefore()).equals(label)) {
                return changeAt;
            }
            t = changeAt - 1;
        }
        throw new IllegalStateException("zone " + zone + " changes offset too often near " + epochMillis);
    }

    /** First instant after the window containing {@code epochMillis}: when its usage resets. */
    public long endOf(long epochMillis) {
        ZoneRules rules = zone.getRules();
        long t = epochMillis;
        LocalDateTime label = null;
        for (int i = 0; i < MAX_TRANSITIONS; i++) {
            ZoneOffset offset = rules.getOffset(Instant.ofEpochMilli(t));
            if (label == null) {
                label = labelAt(t, offset);
            }
            long end = millis(unit.next(label), offset);
            ZoneOffsetTransition change = rules.nextTransition(Instant.ofEpochMilli(t));
            if (change == null) {
                return end;
            }
            long changeAt = change.toEpochSecond() * 1000;
            if (end < changeAt) {
                return end;
            }
            // The next unit does not begin before the offset changes; does the label change at the change?
            if (!labelAt(changeAt, change.getOffsetAfter()).equals(label)) {
                return changeAt;
            }
            t = changeAt;
        }
        throw new IllegalStateException("zone " + zone + " changes offset too often near " + epochMillis);
    }

    private LocalDateTime labelAt(long epochMillis, ZoneOffset offset) {
        return unit.truncate(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), offset));
    }

    private static long millis(LocalDateTime local, ZoneOffset offset) {
        return local.toEpochSecond(offset) * 1000 + local.getNano() / 1_000_000;
    }
}
