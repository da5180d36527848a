package dev.stratus.api.trigger;

import dev.stratus.common.event.Topics;
import dev.stratus.common.event.TriggerStatusChanged;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;

/** Moves triggers from {@code creating} to what trigger-service reports: its consumer runs, or why it cannot. */
@KafkaListener(groupId = "api-trigger-status", offsetReset = OffsetReset.EARLIEST)
public class TriggerStatusListener {
    private final TriggerStatusUpdater updater;

    public TriggerStatusListener(TriggerStatusUpdater updater) {
        this.updater = updater;
    }

    @Topic(Topics.TRIGGER_STATUS)
    void statusChanged(@Nullable TriggerStatusChanged event) {
        if (event != null) {
            updater.statusChanged(event);
        }
    }
}
