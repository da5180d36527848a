package dev.stratus.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping for a guessed time; shared by every module's tests. */
public final class Poll {
    private static final long PACING_MILLIS = 20;

    private Poll() {
    }

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
            pace();
        }
    }

    /** Probes until {@code done} accepts the value, and returns that value. */
    public static <T> T until(Supplier<T> probe, Predicate<T> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Condition not met within " + timeout + "; last value: " + last);
            }
            pace();
            last = probe.get();
        }
        return last;
    }

    private static void pace() {
        try {
            Thread.sleep(PACING_MILLIS); // between probes, not synchronisation: the loops exit on the condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
