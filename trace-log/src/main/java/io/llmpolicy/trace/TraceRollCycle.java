package io.llmpolicy.trace;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

/**
 * How often the trace log starts a new file (a "cycle"). Retention deletes whole cycles, so the cycle length is
 * also the granularity of retention. Cycles are aligned to UTC.
 */
public enum TraceRollCycle {
    /** One file per UTC day (the default). */
    DAILY(RollCycles.FAST_DAILY),
    /** One file per hour, for very high volumes or short retention. */
    HOURLY(RollCycles.FAST_HOURLY),
    /** One file per five minutes. */
    FIVE_MINUTELY(RollCycles.FIVE_MINUTELY),
    /** One file per second: for tests and demos of rolling and retention only. */
    SECONDLY(TestRollCycles.TEST_SECONDLY);

    private final RollCycle chronicle;

    TraceRollCycle(RollCycle chronicle) {
        this.chronicle = chronicle;
    }

    RollCycle chronicle() {
        return chronicle;
    }

    /** Length of one cycle in milliseconds. */
    public long lengthMillis() {
        return chronicle.lengthInMillis();
    }
}
