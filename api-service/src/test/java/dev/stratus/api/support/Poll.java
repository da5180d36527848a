package dev.stratus.api.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping for a guessed time. */
public final class Poll {

    public static <T> T until(Supplier<T> probe, java.util.function.Predicate<T> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Condition not met within " + timeout + "; last value: " + last);
            }
            try {
                Thread.sleep(50); // pacing between probes, not synchronisation: the loop exits on the condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }

    private Poll() {
    }
}
