package dev.stratus.trigger.status;

import dev.stratus.common.event.Topics;
import dev.stratus.common.event.TriggerStatusChanged;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/** Tells the API whether a trigger's consumer runs; keyed by trigger to stay in order with its other events. */
@KafkaClient(id = "trigger-status", acks = KafkaClient.Acknowledge.ALL, maxBlock = "5s")
public interface TriggerStatusReports {

    @Topic(Topics.TRIGGER_STATUS)
    CompletableFuture<RecordMetadata> send(@KafkaKey String triggerId, TriggerStatusChanged status);
}
