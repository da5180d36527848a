package dev.stratus.trigger.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping for a guessed time. */
public final class Poll {

    public static void until(String what, BooleanSupplier done, Duration timeout) {
        until(what, done, () -> "", timeout);
    }

    /** As above; {@code state} describes what was seen last when the deadline passes. */
    public static void until(String what, BooleanSupplier done, Supplier<String> state, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + timeout + "; " + state.get());
            }
            try {
                Thread.sleep(20); // pacing between probes, not synchronisation: the loop exits on the condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Poll() {
    }
}
