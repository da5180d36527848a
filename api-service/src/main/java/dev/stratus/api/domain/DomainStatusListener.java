package dev.stratus.api.domain;

import dev.stratus.common.event.DomainStatusChanged;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;

/** Moves domains from {@code pending} to what the runtime reports: {@code ready} once its gateway routes them. */
@KafkaListener(groupId = "api-domain-status", offsetReset = OffsetReset.EARLIEST)
public class DomainStatusListener {
    private final DomainStatusUpdater updater;

    public DomainStatusListener(DomainStatusUpdater updater) {
        this.updater = updater;
    }

    @Topic(Topics.DOMAIN_STATUS)
    void statusChanged(@Nullable DomainStatusChanged event) {
        if (event != null) {
            updater.statusChanged(event);
        }
    }
}
