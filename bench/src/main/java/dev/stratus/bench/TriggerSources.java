package dev.stratus.bench;

import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.Nats;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.PublishAck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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

        /**
         * Whether trigger-service has acknowledged every message published (it does so only after the function
         * answered 2xx) and dead-lettered none.
         */
        boolean settled(String triggerId) throws Exception;
    }

    /** trigger-service names its NATS durable and Kafka group after the trigger. */
    private static String consumerName(String triggerId) {
        return "stratus-trigger-" + triggerId;
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
        public boolean settled(String triggerId) throws Exception {
            JetStreamManagement jsm = connection.jetStreamManagement();
            ConsumerInfo consumer = jsm.getConsumerInfo(jsm.getStreamNames(subject).getFirst(),
                    consumerName(triggerId));
            List<String> deadLetters = jsm.getStreamNames(subject + ".dlq");
            long dead = deadLetters.isEmpty() ? 0
                    : jsm.getStreamInfo(deadLetters.getFirst()).getStreamState().getMsgCount();
            return consumer.getNumPending() == 0 && consumer.getNumAckPending() == 0 && dead == 0;
        }

        @Override
        public void close() throws InterruptedException {
            connection.close();
        }
    }

    /** A topic of three partitions on the platform's own Kafka. */
    static final class KafkaTopic implements Source {
        private static final int PARTITIONS = 3;
        private final String topic = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        private final String bootstrapServers;
        private final KafkaProducer<String, String> producer;

        KafkaTopic(LocalPlatform platform) throws Exception {
            this.bootstrapServers = platform.kafkaBootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
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
        public boolean settled(String triggerId) throws Exception {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        consumerName(triggerId)).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
                String deadLetters = topic + ".dlq"; // created with its first letter
                boolean anyDead = admin.listTopics().names().get().contains(deadLetters);
                if (anyDead) {
                    ends.put(new TopicPartition(deadLetters, 0), OffsetSpec.latest());
                }
                for (var end : admin.listOffsets(ends).all().get().entrySet()) {
                    long at = end.getValue().offset();
                    OffsetAndMetadata reached = committed.get(end.getKey());
                    boolean ok = end.getKey().topic().equals(deadLetters) ? at == 0
                            : reached != null && reached.offset() == at;
                    if (!ok) {
                        return false;
                    }
                }
                return true;
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
