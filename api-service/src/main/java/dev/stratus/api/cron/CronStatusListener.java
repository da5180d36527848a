package dev.stratus.api.cron;

import dev.stratus.common.event.CronStatusChanged;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;
import jakarta.transaction.Transactional;

/** A cron leaves {@code pending} when the scheduler has armed it (or found its schedule unusable). */
@KafkaListener(groupId = "api-service", offsetReset = OffsetReset.EARLIEST)
public class CronStatusListener {
    private final CronRepository repository;

    public CronStatusListener(CronRepository repository) {
        this.repository = repository;
    }

    @Topic(Topics.CRON_STATUS)
    @Transactional
    void statusChanged(@Nullable CronStatusChanged event) {
        if (event == null) {
            return;
        }
        repository.findById(event.cronId()).ifPresent(cron -> {
            if (!CronService.DELETING.equals(cron.getStatus())) {
                cron.setStatus(event.status());
                repository.update(cron);
            }
        });
    }
}
