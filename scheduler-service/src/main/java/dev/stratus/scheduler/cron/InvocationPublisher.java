package dev.stratus.scheduler.cron;

import dev.stratus.common.event.InvocationRequested;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Blocking sends: a fire is marked published only once Kafka has it. */
@KafkaClient(id = "fires", acks = KafkaClient.Acknowledge.ALL)
public interface InvocationPublisher {

    @Topic(Topics.INVOCATION_REQUESTED)
    RecordMetadata send(@KafkaKey String key, InvocationRequested invocation);
}
