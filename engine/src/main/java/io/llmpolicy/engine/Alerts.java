package io.llmpolicy.engine;

import io.llmpolicy.engine.budget.AlertListener;
import io.llmpolicy.engine.budget.BudgetAlert;
import io.llmpolicy.plugin.Alert;
import io.llmpolicy.plugin.AlertSink;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where the engine's alerts go: budget thresholds (once per window, per threshold, per key) and eval pass rates
 * (once per window), to the embedder's listeners and to an alert sink plugin (the webhook). Delivery to the sink
 * is asynchronous and never blocks a request; failures are counted, not thrown. Thread-safe.
 */
final class Alerts {
    private final AlertListener budgetListener;
    private final Consumer<io.llmpolicy.eval.online.Alert> evalListener;
    private final AlertSink sink;
    private final AtomicLong deliveryFailures = new AtomicLong();
    private volatile boolean muted;

    /** While muted (rebuilding budgets from the trace), alerts are dropped: they fired before the restart. */
    void mute(boolean m) {
        muted = m;
    }

    Alerts(AlertListener budgetListener, Consumer<io.llmpolicy.eval.online.Alert> evalListener, AlertSink sink) {
        this.budgetListener = budgetListener;
        this.evalListener = evalListener;
        this.sink = sink;
    }

    /** The listener the budget store calls. */
    AlertListener budgets() {
        return this::budget;
    }

    private void budget(BudgetAlert a) {
        if (muted) return;
        budgetListener.onAlert(a);
        if (sink == null) return;
        String budget = a.key().budget().contains("@") ? a.key().budget().substring(0, a.key().budget().indexOf('@')) : a.key().budget();
        double threshold = a.thresholdBps() / 10_000.0;
        double value = a.limit() <= 0 ? 1.0 : (double) a.used() / a.limit();
        String key = a.key().scopeText();
        send(new Alert(threshold >= 1.0 ? "budget.exceeded" : "budget.threshold", budget, key, threshold, value,
                String.format("budget %s%s reached %.0f%% of its %s limit", budget, key.isEmpty() ? "" : " [" + key + "]",
                        value * 100, a.dimension().jsonName()), Instant.ofEpochMilli(a.atMillis())));
    }

    void eval(io.llmpolicy.eval.online.Alert a) {
        if (evalListener != null) evalListener.accept(a);
        if (sink == null) return;
        send(new Alert("eval.threshold", a.eval(), "", a.condition().threshold(), a.observed(), a.describe(),
                Instant.ofEpochMilli(a.firedAtMillis())));
    }

    private void send(Alert alert) {
        try {
            sink.send(alert).whenComplete((ok, failure) -> {
                if (failure != null) deliveryFailures.incrementAndGet();
            });
        } catch (RuntimeException e) {
            deliveryFailures.incrementAndGet();
        }
    }

    long deliveryFailures() {
        return deliveryFailures.get();
    }
}
