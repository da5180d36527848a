package dev.stratus.scheduler.cron;

import dev.stratus.common.event.CronStatusChanged;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;

import java.util.concurrent.CompletableFuture;

/** Tells the API whether a cron is armed; every replica says the same, so repeats are harmless. */
@KafkaClient(id = "cron-status")
public interface CronStatusReports {

    @Topic(Topics.CRON_STATUS)
    CompletableFuture<Void> send(@KafkaKey String cronId, CronStatusChanged status);
}
