package io.llmpolicy.eval.online;

/**
 * An alert condition crossed in a window. Immutable.
 *
 * @param eval              the eval's name
 * @param condition         the condition that now holds
 * @param observed          the aggregate's value when it fired
 * @param samples           observations of that aggregate in the window so far
 * @param windowStartMillis inclusive start of the window, epoch ms
 * @param windowEndMillis   exclusive end of the window, epoch ms
 * @param firedAtMillis     the timestamp of the sample that crossed the threshold
 */
public record Alert(String eval, AlertCondition condition, double observed, long samples, long windowStartMillis,
                    long windowEndMillis, long firedAtMillis) {

    /** One line for logs and notifications. */
    public String describe() {
        return "eval " + eval + ": " + condition.describe() + " (observed " + observed + " over " + samples
                + " samples in window starting " + java.time.Instant.ofEpochMilli(windowStartMillis) + ")";
    }
}
