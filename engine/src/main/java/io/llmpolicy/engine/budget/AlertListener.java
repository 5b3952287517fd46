package io.llmpolicy.engine.budget;

/**
 * Receives budget alerts. Called on the thread that reserved, charged or settled, after the key's lock is
 * released, once per alert; calls for different keys may run concurrently, so implementations must be
 * thread-safe. Keep it fast (hand slow work such as a webhook to another thread): it runs on the request path.
 * An exception thrown here is counted and swallowed; it never fails the request.
 */
@FunctionalInterface
public interface AlertListener {

    /** Ignores every alert. */
    AlertListener NONE = alert -> { };

    /** One alert. */
    void onAlert(BudgetAlert alert);
}
