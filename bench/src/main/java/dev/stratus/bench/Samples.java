package dev.stratus.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies in milliseconds, summarised the way the README reports them. */
final class Samples {
    private final List<Double> millis = new ArrayList<>();

    void addNanos(long nanos) {
        millis.add(nanos / 1_000_000.0);
    }

    int count() {
        return millis.size();
    }

    double p50() {
        return percentile(50);
    }

    double p99() {
        return percentile(99);
    }

    /** Nearest-rank percentile. */
    double percentile(double p) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    @Override
    public String toString() {
        return String.format("p50 %7.2f ms  p99 %7.2f ms  (n=%d)", p50(), p99(), count());
    }
}
