package dev.stratus.runtime.pool;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many instances a revision should have, from its observed concurrency (requests in flight plus waiting), in
 * the manner of Knative's KPA: the average over a stable window (60 s) sets the count, except that when the
 * average over a short panic window (6 s) asks for at least twice the instances there are, it scales up at once
 * and does not scale down until the panic has passed.
 */
final class Autoscaler {
    private record Sample(long at, double concurrency) {
    }

    private final long stableNanos;
    private final long panicNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private long panicUntil;

    Autoscaler(long stableNanos, long panicNanos) {
        this.stableNanos = stableNanos;
        this.panicNanos = panicNanos;
    }

    /**
     * Records the concurrency seen now and returns the desired number of instances, before clamping to
     * [min_scale, max_scale].
     */
    int desired(long now, double concurrency, int perInstance, int current) {
        samples.addLast(new Sample(now, concurrency));
        while (!samples.isEmpty() && now - samples.peekFirst().at > stableNanos) {
            samples.removeFirst();
        }
        int stable = instancesFor(average(now, stableNanos), perInstance);
        int panic = instancesFor(average(now, panicNanos), perInstance);
        if (current > 0 && panic >= 2 * current || current == 0 && panic > 0 && concurrency > 0) {
            panicUntil = now + panicNanos;
        }
        if (now < panicUntil) {
            return Math.max(current, panic);
        }
        return stable;
    }

    boolean panicking(long now) {
        return now < panicUntil;
    }

    private double average(long now, long window) {
        double sum = 0;
        int count = 0;
        for (Sample sample : samples) {
            if (now - sample.at <= window) {
                sum += sample.concurrency;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static int instancesFor(double concurrency, int perInstance) {
        return (int) Math.ceil(concurrency / Math.max(1, perInstance) - 1e-9);
    }
}
