package io.llmpolicy.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Calendar windows partition time, in every zone the JDK knows, including historic offset changes. */
class CalendarWindowProperties {

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    @Property(tries = 3000)
    void windowsPartitionTime(@ForAll("zones") ZoneId zone, @ForAll CalendarUnit unit,
                              @ForAll @LongRange(min = -2_208_988_800_000L, max = 4_102_444_800_000L) long t) {
        CalendarWindow window = new CalendarWindow(unit, zone);
        WindowSpan span = window.spanAt(t);

        assertThat(span.contains(t)).isTrue();
        // The next window starts where this one ends, the previous one ends where this one starts.
        assertThat(window.startOf(span.endMillis())).isEqualTo(span.endMillis());
        assertThat(window.endOf(span.startMillis() - 1)).isEqualTo(span.startMillis());
        assertThat(window.spanAt(span.endMillis() - 1)).isEqualTo(span);
        assertThat(window.spanAt(span.startMillis())).isEqualTo(span);
        // One label inside the window; a different label just outside it.
        LocalDateTime label = label(unit, zone, t);
        assertThat(label(unit, zone, span.startMillis())).isEqualTo(label);
        assertThat(label(unit, zone, span.endMillis() - 1)).isEqualTo(label);
        assertThat(label(unit, zone, span.startMillis() - 1)).isNotEqualTo(label);
        assertThat(label(unit, zone, span.endMillis())).isNotEqualTo(label);
    }

    /** Instants within three hours of a real offset change (DST or a zone's standard-offset change). */
    @Provide
    Arbitrary<long[]> nearOffsetChanges() {
        List<long[]> changes = ZONES.stream().flatMap(id -> ZoneId.of(id).getRules().getTransitions().stream()
                        .filter(tr -> tr.toEpochSecond() > -2_208_988_800L)
                        .map(tr -> new long[] {ZONES.indexOf(id), tr.toEpochSecond() * 1000}))
                .toList();
        return Arbitraries.of(changes).flatMap(change -> Arbitraries.longs().between(-3 * 3_600_000L, 3 * 3_600_000L)
                .map(delta -> new long[] {change[0], change[1] + delta}));
    }

    @Property(tries = 3000)
    void windowsPartitionTime_nearOffsetChanges(@ForAll("nearOffsetChanges") long[] zoneAndTime,
                                                @ForAll CalendarUnit unit) {
        windowsPartitionTime(ZoneId.of(ZONES.get((int) zoneAndTime[0])), unit, zoneAndTime[1]);
    }

    private static LocalDateTime label(CalendarUnit unit, ZoneId zone, long t) {
        return unit.truncate(LocalDateTime.ofInstant(Instant.ofEpochMilli(t), zone));
    }
}
