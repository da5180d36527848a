package dev.stratus.api.outbox;

import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * Writes events into the outbox table. It joins the caller's transaction (and refuses to run without one), so a
 * change and its event are committed together or not at all.
 */
@Singleton
public class Outbox {
    private final OutboxRepository repository;
    private final JsonMapper json;

    public Outbox(OutboxRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    @Transactional(propagation = MANDATORY)
    public void publish(String topic, String key, Object event) {
        try {
            write(topic, key, json.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A null value on a compacted topic: consumers drop the resource, compaction eventually forgets it. */
    @Transactional(propagation = MANDATORY)
    public void tombstone(String topic, String key) {
        write(topic, key, null);
    }

    private void write(String topic, String key, String payload) {
        OutboxEvent event = new OutboxEvent();
        event.setTopic(topic);
        event.setRecordKey(key);
        event.setPayload(payload);
        event.setCreatedAt(Instant.now());
        repository.save(event);
    }
}
