package dev.stratus.runtime.records;

import dev.stratus.common.event.FunctionLogLines;
import dev.stratus.common.event.InvocationCompleted;
import dev.stratus.common.event.Topics;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * Sends invocation records and log lines, keyed by function so each function's records stay in order. Only the
 * records package's own threads call it: a send may block up to {@code maxBlock} while Kafka is unreachable.
 */
@KafkaClient(id = "records", acks = KafkaClient.Acknowledge.ALL, maxBlock = "5s")
interface RecordsProducer {

    @Topic(Topics.INVOCATION_COMPLETED)
    CompletableFuture<RecordMetadata> invocationCompleted(@KafkaKey String functionId, InvocationCompleted event);

    @Topic(Topics.FUNCTION_LOGS)
    CompletableFuture<RecordMetadata> logLines(@KafkaKey String functionId, FunctionLogLines lines);
}
