package io.llmpolicy.guard;

import java.util.Objects;

/**
 * How a {@link StreamGuard} treats findings in a streamed output.
 *
 * @param mode      what happens to text with findings
 * @param redaction how spans are rewritten in {@link Mode#REDACT} (ignored otherwise)
 * @param window    hold-back window in chars; 0 means the detector default ({@link GuardrailSet#streamWindow()});
 *                  a smaller window releases text sooner but a long obfuscated injection phrase may then be found
 *                  after part of it was released ({@link StreamFinding#findingTextReleased()})
 * @param maxHold   cap in chars on holding back an unbroken token or an open private key block (default 20,480)
 */
public record StreamOptions(Mode mode, Redaction redaction, int window, int maxHold) {
    /** Default cap on holding back one open token or key block. */
    public static final int DEFAULT_MAX_HOLD = 20 * 1024;

    /** What the guard does when it finds something. */
    public enum Mode {
        /** Release all text, findings' spans rewritten by the redaction. */
        REDACT,
        /** Release the clean text before the first finding, then release nothing more. */
        STOP,
        /** Release text immediately and unchanged; report findings when detected (may be after release). */
        MONITOR
    }

    /** Validates the record. */
    public StreamOptions {
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.REDACT) Objects.requireNonNull(redaction, "redaction is required in REDACT mode");
        if (window < 0) throw new IllegalArgumentException("window must not be negative");
        if (window != 0 && window < ScanState.LOOKAHEAD) {
            throw new IllegalArgumentException("window must be at least " + ScanState.LOOKAHEAD + " chars");
        }
        if (maxHold < ScanState.LOOKAHEAD) {
            throw new IllegalArgumentException("maxHold must be at least " + ScanState.LOOKAHEAD + " chars");
        }
    }

    /** Redact findings with {@code redaction}; default window and hold cap. */
    public static StreamOptions redact(Redaction redaction) {
        return new StreamOptions(Mode.REDACT, redaction, 0, DEFAULT_MAX_HOLD);
    }

    /** Stop the stream at the first finding; default window and hold cap. */
    public static StreamOptions stop() {
        return new StreamOptions(Mode.STOP, null, 0, DEFAULT_MAX_HOLD);
    }

    /** Pass everything through and only report. */
    public static StreamOptions monitor() {
        return new StreamOptions(Mode.MONITOR, null, 0, DEFAULT_MAX_HOLD);
    }

    /** The same options with another hold-back window. */
    public StreamOptions withWindow(int chars) {
        return new StreamOptions(mode, redaction, chars, maxHold);
    }

    /** The same options with another hold cap. */
    public StreamOptions withMaxHold(int chars) {
        return new StreamOptions(mode, redaction, window, chars);
    }
}
