package io.llmpolicy.plugin.host;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A gate test plugins block on to simulate hanging plugin code. Plugins reach it through their parent (the test)
 * class loader. {@link #block()} ignores interruption on purpose, like the worst real plugin; a test class opens
 * the gate when it is done so no thread outlives it for long.
 */
public final class TestGate {
    private static volatile CountDownLatch gate = new CountDownLatch(1);

    private TestGate() {}

    /** Blocks until {@link #open()} (or a minute), ignoring interrupts. */
    public static void block() {
        CountDownLatch g = gate;
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (g.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                g.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public static void open() {
        gate.countDown();
    }

    /** A fresh, closed gate for the next test class. */
    public static void reset() {
        gate = new CountDownLatch(1);
    }
}
