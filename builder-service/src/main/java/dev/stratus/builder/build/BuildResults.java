package dev.stratus.builder.build;

import dev.stratus.common.event.BuildFinished;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;

/** Publishes build outcomes, keyed by function so they stay in order with its other events. */
@KafkaClient(id = "build-results", acks = KafkaClient.Acknowledge.ALL)
public interface BuildResults {

    @Topic(Topics.BUILD_FINISHED)
    void send(@KafkaKey String functionId, BuildFinished result);
}
