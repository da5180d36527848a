package dev.stratus.bench;

import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.Nats;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** The brokers {@link TriggerBench} publishes to, each with the trigger config that reads it. */
final class TriggerSources {
    private TriggerSources() {
    }

    interface Source extends AutoCloseable {
        /** The trigger's input, as JSON fields of the create request. */
        String configJson();

        /** Publishes every body and returns once the broker has them all. */
        void publish(List<String> bodies) throws Exception;
    }

    /** A JetStream subject; trigger-service creates its stream when the trigger starts. */
    static final class NatsSubject implements Source {
        private final Connection connection;
        private final String subject = "bench." + UUID.randomUUID().toString().substring(0, 8);

        NatsSubject(Nats nats) throws Exception {
            this.connection = io.nats.client.Nats.connect(nats.url());
        }

        @Override
        public String configJson() {
            return "\"nats_config\": {\"server_url\": \"" + connection.getConnectedUrl() + "\", \"subject\": \""
                    + subject + "\"}";
        }

        @Override
        public void publish(List<String> bodies) throws Exception {
            JetStream js = connection.jetStream();
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>(bodies.size());
            for (String body : bodies) {
                acks.add(js.publishAsync(subject, body.getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }

        @Override
        public void close() throws InterruptedException {
            connection.close();
        }
    }

    /** A topic of three partitions on the platform's own Kafka. */
    static final class KafkaTopic implements Source {
        private final String topic = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        private final String bootstrapServers;
        private final KafkaProducer<String, String> producer;

        KafkaTopic(LocalPlatform platform) throws Exception {
            this.bootstrapServers = platform.kafkaBootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrapServers);
            p.put("linger.ms", "5");
            this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }

        @Override
        public String configJson() {
            return "\"kafka_config\": {\"bootstrap_servers\": \"" + bootstrapServers + "\", \"topic\": \"" + topic
                    + "\"}";
        }

        @Override
        public void publish(List<String> bodies) throws Exception {
            List<Future<?>> sent = new ArrayList<>(bodies.size());
            for (String body : bodies) {
                sent.add(producer.send(new ProducerRecord<>(topic, body, body)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
