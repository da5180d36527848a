package dev.stratus.trigger.kafka;

import dev.stratus.trigger.source.DeadLetterHeaders;
import dev.stratus.trigger.support.DeliveryScenario;
import dev.stratus.trigger.support.TestBroker;
import dev.stratus.trigger.support.TriggerHarness;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaTriggerTest {

    @Test
    void deliversEveryMessageAcrossARestartAndDeadLettersPoisonOnes() throws Exception {
        String topic = "user-events-" + TriggerHarness.newId().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TriggerHarness.bootstrapServers()))) {
            // several partitions: offsets are committed per partition, each only up to its oldest pending message
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        try (TopicBroker broker = new TopicBroker(topic)) {
            // max_scale 6 caps in-flight deliveries below the default 10
            DeliveryScenario.run("kafka", broker, 6);
        }
    }

    @Test
    void commitsOnlyUpToTheOldestPendingOffset() {
        KafkaOffsets offsets = new KafkaOffsets();
        TopicPartition p = new TopicPartition("t", 0);
        var partition = offsets.received(p, 10);
        offsets.received(p, 11);
        offsets.received(p, 12);
        partition.done(11);
        partition.done(12);
        assertEquals(Map.of(p, new OffsetAndMetadata(10)), offsets.toCommit(false, null), "10 is still out");
        assertEquals(Map.of(), offsets.toCommit(false, null), "nothing moved since");
        partition.done(10);
        assertEquals(Map.of(p, new OffsetAndMetadata(13)), offsets.toCommit(false, null));
        offsets.forget(List.of(p));
        assertEquals(Map.of(), offsets.toCommit(true, null), "a revoked partition is no longer committed");
    }

    /** Messages with a content-type header, as plain producers write them. */
    private static final class TopicBroker implements TestBroker, AutoCloseable {
        private final String topic;
        private final KafkaProducer<String, String> producer;
        private final KafkaConsumer<String, String> dlq;
        private final List<DeadLetter> letters = new ArrayList<>();

        TopicBroker(String topic) {
            this.topic = topic;
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TriggerHarness.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
            dlq = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TriggerHarness.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + topic,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
            dlq.subscribe(List.of(topic + ".dlq"));
        }

        @Override
        public String inputType() {
            return "kafka";
        }

        @Override
        public Map<String, String> config(TriggerHarness harness) {
            return Map.of("topic", topic);
        }

        @Override
        public void publish(List<String> bodies) throws Exception {
            List<Future<?>> sent = new ArrayList<>();
            for (String body : bodies) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, body, body);
                record.headers().add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(record));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }

        @Override
        public synchronized List<DeadLetter> deadLetters() {
            for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(50))) {
                letters.add(new DeadLetter(r.value(), header(r, DeadLetterHeaders.REASON),
                        header(r, DeadLetterHeaders.ATTEMPTS), header(r, DeadLetterHeaders.TRIGGER_ID)));
            }
            return List.copyOf(letters);
        }

        private static String header(ConsumerRecord<String, String> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            producer.close();
            dlq.close();
        }
    }
}
