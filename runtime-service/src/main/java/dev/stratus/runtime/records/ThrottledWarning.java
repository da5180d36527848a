package dev.stratus.runtime.records;

import org.slf4j.Logger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts occurrences of one problem and logs a warning at most every 30 s with the count since the last one, so a
 * Kafka outage or a chatty function cannot flood the runtime's own log.
 */
final class ThrottledWarning {
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private final Logger log;
    private final String what;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong lastWarning;

    ThrottledWarning(Logger log, String what) {
        this.log = log;
        this.what = what;
        this.lastWarning = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    }

    void count(String detail) {
        unreported.incrementAndGet();
        total.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("{}: {} since the last report ({})", what, unreported.getAndSet(0), detail);
        }
    }

    long total() {
        return total.get();
    }
}
