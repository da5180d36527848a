package dev.stratus.builder.build;

import dev.stratus.common.event.BuildFinished;
import dev.stratus.common.event.DeployRequested;
import dev.stratus.common.event.Topics;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The builder's two topics seen from outside, with plain Kafka clients: deploy requests go in as api-service
 * writes them, build results are read from the start of the topic and picked by function id.
 */
final class BuildTopics implements AutoCloseable {
    private final JsonMapper json;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    BuildTopics(String bootstrapServers, JsonMapper json) {
        this.json = json;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        // the service created its topics at start-up, with one partition each
        TopicPartition partition = new TopicPartition(Topics.BUILD_FINISHED, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    void requestDeploy(DeployRequested request) throws Exception {
        producer.send(new ProducerRecord<>(Topics.DEPLOY_REQUESTED, request.functionId(),
                json.writeValueAsBytes(request))).get(30, TimeUnit.SECONDS);
    }

    /** Polls until the build of {@code functionId} is reported, or fails at the deadline. */
    BuildFinished awaitResult(String functionId, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (ConsumerRecord<String, byte[]> record : seen) {
                if (functionId.equals(record.key())) {
                    return json.readValue(record.value(), BuildFinished.class);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + Topics.BUILD_FINISHED + " for function " + functionId + " within "
                        + timeout + "; saw keys " + seen.stream().map(ConsumerRecord::key).toList());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
