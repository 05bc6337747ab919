package org.plantracker.platform.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for asynchronous work (a consumer, a tracking processor) to show its effect. */
public final class Await {

    private Await() {
    }

    /**
     * Polls {@code condition} every 100 ms until it holds; fails with {@code what} after {@code timeout}.
     * A condition that throws counts as not yet holding (the database it reads may be coming back).
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastFailure = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what, lastFailure);
    }
}
