package dev.stratus.api.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One event waiting to be published: written in the same transaction as the change it describes. */
@MappedEntity("outbox")
public class OutboxEvent {
    @Id @GeneratedValue @Nullable private Long id;
    private String topic;
    private String recordKey;
    @Nullable private String payload;
    private Instant createdAt;
    @Nullable private Instant sentAt;

    @Nullable public Long getId() {
        return id;
    }

    public void setId(@Nullable Long id) {
        this.id = id;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getRecordKey() {
        return recordKey;
    }

    public void setRecordKey(String recordKey) {
        this.recordKey = recordKey;
    }

    @Nullable public String getPayload() {
        return payload;
    }

    public void setPayload(@Nullable String payload) {
        this.payload = payload;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    @Nullable public Instant getSentAt() {
        return sentAt;
    }

    public void setSentAt(@Nullable Instant sentAt) {
        this.sentAt = sentAt;
    }
}
