package dev.stratus.api.outbox;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Publishes outbox rows to Kafka in id order (keyed by resource id, so each resource's events stay ordered) and
 * marks them sent. When Kafka is down the rows stay unsent and the next pass tries again: nothing is lost.
 * A delivery that succeeded but was not marked (a crash in between) is sent again; consumers dedupe on eventId.
 */
@Singleton
public class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private final OutboxPublisher publisher;
    private final OutboxRepository repository;
    private volatile Instant lastCleanup = Instant.EPOCH;

    public OutboxRelay(OutboxPublisher publisher, OutboxRepository repository) {
        this.publisher = publisher;
        this.repository = repository;
    }

    @Scheduled(fixedDelay = "${stratus.outbox.poll-interval:100ms}", initialDelay = "1s")
    void relay() {
        try {
            while (publisher.publishBatch() == OutboxPublisher.BATCH) {
                // a full batch means more may be waiting: keep going without the poll delay
            }
            cleanupSent();
        } catch (RuntimeException e) {
            LOG.warn("Outbox relay pass failed, will retry: {}", e.toString());
        }
    }

    private void cleanupSent() {
        Instant now = Instant.now();
        if (Duration.between(lastCleanup, now).toMinutes() >= 5) {
            repository.deleteSentBefore(now.minus(Duration.ofHours(1)));
            lastCleanup = now;
        }
    }
}
