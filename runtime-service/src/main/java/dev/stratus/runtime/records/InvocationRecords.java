package dev.stratus.runtime.records;

import dev.stratus.common.Ids;
import dev.stratus.common.event.InvocationCompleted;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes one {@link InvocationCompleted} per call served. Fire and forget: the caller only queues the record
 * (bounded, oldest dropped first) and one sender thread talks to Kafka, so an outage never slows requests down.
 */
@Singleton
public class InvocationRecords {
    static final int MAX_PENDING = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(InvocationRecords.class);

    private final RecordsProducer producer;
    private final ThreadPoolExecutor sender;
    private final ThrottledWarning sendFailures = new ThrottledWarning(LOG, "Invocation records not sent to Kafka");
    private final ThrottledWarning drops = new ThrottledWarning(LOG, "Invocation records dropped, Kafka is behind");

    InvocationRecords(RecordsProducer producer) {
        this.producer = producer;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_PENDING),
                Thread.ofPlatform().daemon().name("invocation-records").factory(), this::dropOldest);
    }

    /**
     * Records a finished call. {@code source} is {@link InvocationCompleted#HTTP}, {@link InvocationCompleted#CRON}
     * or {@link InvocationCompleted#TRIGGER}; {@code status} the HTTP status answered; {@code cold} whether an
     * instance had to start for it. Never blocks and never throws.
     */
    public void completed(String functionId, long revision, String source, int status, long durationNanos,
                          boolean cold, @Nullable String instanceId) {
        var event = new InvocationCompleted(Ids.newId(), functionId, revision, source, status,
                TimeUnit.NANOSECONDS.toMicros(durationNanos), cold, instanceId, Instant.now());
        try {
            sender.execute(() -> send(event));
        } catch (RuntimeException e) {
            sendFailures.count(e.toString()); // only after shutdown
        }
    }

    /** Records lost to a full queue since start. */
    public long dropped() {
        return drops.total();
    }

    private void send(InvocationCompleted event) {
        try {
            producer.invocationCompleted(event.functionId(), event).whenComplete((sent, error) -> {
                if (error != null) {
                    sendFailures.count(error.toString());
                }
            });
        } catch (RuntimeException e) {
            sendFailures.count(e.toString());
        }
    }

    private void dropOldest(Runnable task, ThreadPoolExecutor executor) {
        if (executor.isShutdown()) {
            return;
        }
        if (executor.getQueue().poll() != null) {
            drops.count("queue of " + MAX_PENDING + " full");
        }
        executor.execute(task);
    }

    @PreDestroy
    void close() throws InterruptedException {
        sender.shutdown();
        // records still queued get a moment to leave; a stuck Kafka must not hold up the shutdown
        if (!sender.awaitTermination(3, TimeUnit.SECONDS)) {
            sender.shutdownNow();
        }
    }
}
