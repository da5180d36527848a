package dev.stratus.api.outbox;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one batch of outbox rows to Kafka inside a transaction that holds the relay lock. */
@Singleton
public class OutboxPublisher {
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    private final OutboxRepository repository;
    private final Producer<String, String> producer;
    private final Duration sendTimeout;

    public OutboxPublisher(OutboxRepository repository,
                           @KafkaClient(id = "outbox", acks = KafkaClient.Acknowledge.ALL)
                           Producer<String, String> producer,
                           @Value("${stratus.outbox.send-timeout:20s}") Duration sendTimeout) {
        this.repository = repository;
        this.producer = producer;
        this.sendTimeout = sendTimeout;
    }

    /** Publishes one batch and returns how many rows it took; rows after a failed send wait for the next pass. */
    @Transactional
    public int publishBatch() {
        if (!repository.tryRelayLock()) {
            return 0;
        }
        List<OutboxEvent> events = repository.findUnsent(BATCH);
        if (events.isEmpty()) {
            return 0;
        }
        // Probe with the first event: while Kafka is down each send blocks for metadata, so do not queue 500.
        Instant now = Instant.now();
        if (!delivered(send(events.get(0)), events.get(0))) {
            return 0;
        }
        repository.update(events.get(0).getId(), now);
        List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
        for (OutboxEvent event : events.subList(1, events.size())) {
            sends.add(send(event));
        }
        for (int i = 0; i < sends.size(); i++) {
            OutboxEvent event = events.get(i + 1);
            if (!delivered(sends.get(i), event)) {
                return 0;
            }
            repository.update(event.getId(), now);
        }
        return events.size();
    }

    private Future<RecordMetadata> send(OutboxEvent event) {
        return producer.send(new ProducerRecord<>(event.getTopic(), event.getRecordKey(), event.getPayload()));
    }

    private boolean delivered(Future<RecordMetadata> send, OutboxEvent event) {
        try {
            send.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.info("Kafka did not take outbox event {} ({}), it stays queued: {}", event.getId(),
                    event.getTopic(), e.getCause() == null ? e.toString() : e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
