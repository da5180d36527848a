package dev.stratus.trigger.delivery;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Set once when a consumer stops; waits (backoffs, reconnects) end early on it. */
public final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);

    public void set() {
        latch.countDown();
    }

    public boolean isSet() {
        return latch.getCount() == 0;
    }

    /** Waits up to {@code timeout}; true if the signal was set meanwhile (or the thread was interrupted). */
    public boolean await(Duration timeout) {
        try {
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
