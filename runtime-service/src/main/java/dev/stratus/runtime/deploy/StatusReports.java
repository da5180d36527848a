package dev.stratus.runtime.deploy;

import dev.stratus.common.event.FunctionStatusChanged;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;

/** Tells the API whether a revision serves; keyed by function to stay in order with its other events. */
@KafkaClient(id = "function-status", acks = KafkaClient.Acknowledge.ALL)
public interface StatusReports {

    @Topic(Topics.FUNCTION_STATUS)
    void send(@KafkaKey String functionId, FunctionStatusChanged status);
}
