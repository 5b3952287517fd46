package io.llmpolicy.trace;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Record ids: UUID version 7 (time-ordered, RFC 9562), so ids sort roughly by time and need no coordination
 * between processes. Stateless and thread-safe.
 */
public final class TraceIds {

    private TraceIds() {
    }

    /**
     * A new UUIDv7 string whose 48-bit timestamp is {@code unixNanos} in milliseconds; the remaining 74 bits are
     * random. Not a secret: {@link ThreadLocalRandom} is enough for uniqueness and costs nanoseconds.
     */
    public static String newRecordId(long unixNanos) {
        long millis = Math.floorDiv(unixNanos, 1_000_000L) & 0xFFFF_FFFF_FFFFL;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
