package io.llmpolicy.engine;

import java.util.List;

/**
 * What {@link PolicyEngine#execute} did: the final decision (the attempt that answered, or the denial), the settled
 * outcome (null when no call succeeded), the answer text, and every failed attempt before it.
 */
public record ExecuteResult(Decision decision, Outcome outcome, String text, List<Decision.FailedAttempt> failedAttempts) {
    public boolean answered() {
        return outcome != null && outcome.success();
    }
}
