package dev.stratus.api.support;

import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Publishes events as another service would, JSON-encoded with a plain Kafka producer. */
public final class TopicPublisher implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final JsonMapper json;

    public TopicPublisher(String bootstrapServers, JsonMapper json) {
        this.json = json;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all"));
    }

    /** Sends one event and waits for the broker to have it. */
    public void send(String topic, String key, Object event) {
        sendAll(topic, key, List.of(event));
    }

    /** Sends events in order under one key and waits for the broker to have them all. */
    public void sendAll(String topic, String key, List<?> events) {
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Object event : events) {
                sent.add(producer.send(new ProducerRecord<>(topic, key, json.writeValueAsString(event))));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
