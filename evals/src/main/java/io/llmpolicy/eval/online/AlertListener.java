package io.llmpolicy.eval.online;

/**
 * Receives alerts. Called synchronously on the thread that recorded the crossing sample, at most once per
 * condition per window, so an implementation must be quick and must not block (hand slow delivery such as a
 * webhook to another thread). May be called from several threads at once, for different conditions or windows.
 */
@FunctionalInterface
public interface AlertListener {

    void onAlert(Alert alert);
}
