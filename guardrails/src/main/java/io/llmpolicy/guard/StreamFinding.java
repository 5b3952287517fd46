package io.llmpolicy.guard;

import java.util.Objects;

/**
 * A finding in a streamed output, with what the client had already seen when it was detected.
 *
 * @param finding             the finding; offsets are code points from the start of the stream
 * @param earlierTextReleased some output had already been released to the client when this was detected (so a
 *                            STOP cannot pretend the response never started)
 * @param findingTextReleased part of the finding's own text had already been released (only possible with a
 *                            window or hold cap smaller than the detectors need, or in MONITOR mode)
 */
public record StreamFinding(Finding finding, boolean earlierTextReleased, boolean findingTextReleased) {
    /** Validates the record. */
    public StreamFinding {
        Objects.requireNonNull(finding, "finding");
    }
}
