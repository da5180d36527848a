package dev.stratus.runtime.catalog;

import dev.stratus.common.event.DomainStatusChanged;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/** Tells the API that the gateway routes a custom domain; keyed by domain to stay in order per domain. */
@KafkaClient(id = "domain-status", acks = KafkaClient.Acknowledge.ALL, maxBlock = "5s")
public interface DomainStatusReports {

    @Topic(Topics.DOMAIN_STATUS)
    CompletableFuture<RecordMetadata> send(@KafkaKey String domainId, DomainStatusChanged status);
}
