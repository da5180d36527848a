package dev.stratus.trigger.kafka;

import dev.stratus.trigger.TriggerSettings;
import dev.stratus.trigger.source.DeadLetterHeaders;
import dev.stratus.trigger.source.Message;
import dev.stratus.trigger.source.MessageSource;
import dev.stratus.trigger.source.SourceSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Kafka topic, read by a consumer of its own in the group {@code consumer_group} (default
 * {@code stratus-trigger-<trigger id>}), so that replicas of trigger-service split its partitions. Offsets are
 * committed by hand and only up to the oldest message not yet acked: a restart redelivers the rest. Dead letters
 * go to {@code <topic>.dlq} (created if absent) with the reason in headers. A new group starts at the earliest
 * offset, so that nothing produced before the trigger started running is skipped.
 */
public final class KafkaSource implements MessageSource {
    private static final Duration POLL_WAIT = Duration.ofMillis(500);

    private final SourceSpec spec;
    private final String bootstrapServers;
    private final String topic;
    private final String dlqTopic;
    private final String group;
    private final Duration timeout;
    private final KafkaOffsets offsets = new KafkaOffsets();
    /** Read but not yet handed out; only touched by the polling thread. */
    private final Deque<Tracked> buffer = new ArrayDeque<>();
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;

    private record Tracked(ConsumerRecord<byte[], byte[]> record, KafkaOffsets.Partition partition) {
    }

    private KafkaSource(SourceSpec spec, String bootstrapServers, Duration timeout) {
        this.spec = spec;
        this.bootstrapServers = bootstrapServers;
        this.topic = spec.required("topic");
        this.dlqTopic = topic + ".dlq";
        this.group = spec.optional("consumer_group", "stratus-trigger-" + spec.triggerId());
        this.timeout = timeout;
    }

    /** A config without {@code bootstrap_servers} reads from the platform's own cluster. */
    public static KafkaSource of(SourceSpec spec, TriggerSettings settings, String platformBootstrapServers) {
        return new KafkaSource(spec, spec.optional("bootstrap_servers", platformBootstrapServers),
                settings.getConnectTimeout());
    }

    @Override
    public void open() throws InterruptedException, ExecutionException {
        consumer = new KafkaConsumer<>(consumerConfig());
        try {
            if (consumer.partitionsFor(topic, timeout).isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout, e);
        }
        createDeadLetterTopic();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        consumer.subscribe(List.of(topic), new Rebalance());
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "stratus-trigger-" + spec.triggerId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, spec.maxInFlight());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private void createDeadLetterTopic() throws InterruptedException, ExecutionException {
        int millis = (int) timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis))) {
            admin.createTopics(List.of(new NewTopic(dlqTopic, Optional.empty(), Optional.empty())))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not create " + dlqTopic, e);
        }
    }

    /**
     * Reads only when everything read before was handed out; meanwhile it still polls, paused, because a consumer
     * that stops polling is dropped from its group.
     */
    @Override
    public void poll(int max, Consumer<Message> sink) {
        Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> commit = offsets.toCommit(false, null);
        if (!commit.isEmpty()) {
            consumer.commitAsync(commit, null);
        }
        if (buffer.isEmpty()) {
            consumer.resume(consumer.paused());
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL_WAIT)) {
                buffer.add(new Tracked(r, offsets.received(new TopicPartition(r.topic(), r.partition()), r.offset())));
            }
        } else {
            consumer.pause(consumer.assignment());
            consumer.poll(Duration.ZERO);
        }
        for (int i = 0; i < max && !buffer.isEmpty(); i++) {
            Tracked t = buffer.poll();
            Header type = t.record().headers().lastHeader("content-type");
            if (type == null) {
                type = t.record().headers().lastHeader("Content-Type");
            }
            sink.accept(new Message(t.record().topic() + "-" + t.record().partition() + "@" + t.record().offset(),
                    t.record().value() == null ? new byte[0] : t.record().value(),
                    type == null ? null : new String(type.value(), StandardCharsets.UTF_8), t));
        }
    }

    @Override
    public void ack(Message message) {
        Tracked t = (Tracked) message.handle();
        t.partition().done(t.record().offset());
    }

    /** Waits for the broker to store the dead letter before the original counts as done. */
    @Override
    public void deadLetter(Message message, String reason, int attempts) throws Exception {
        ConsumerRecord<byte[], byte[]> original = ((Tracked) message.handle()).record();
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(dlqTopic, null, original.key(), original.value(),
                original.headers());
        letter.headers().add(DeadLetterHeaders.REASON, bytes(DeadLetterHeaders.reason(reason)));
        letter.headers().add(DeadLetterHeaders.ATTEMPTS, bytes(Integer.toString(attempts)));
        letter.headers().add(DeadLetterHeaders.TRIGGER_ID, bytes(spec.triggerId()));
        letter.headers().add(DeadLetterHeaders.MESSAGE_ID, bytes(message.id()));
        producer.send(letter).get(timeout.toMillis() * 3, TimeUnit.MILLISECONDS);
        ack(message);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Nothing to do: its offset is never committed, so the next consumer of the group reads it again. */
    @Override
    public void release(Message message) {
    }

    @Override
    public String describe() {
        return "Kafka " + bootstrapServers + ", topic " + topic;
    }

    @Override
    public void close() {
        if (consumer != null) {
            try {
                Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> commit =
                        offsets.toCommit(true, null);
                if (!commit.isEmpty()) {
                    consumer.commitSync(commit, timeout);
                }
            } catch (RuntimeException e) {
                // uncommitted offsets are read again: duplicates, not losses
            } finally {
                consumer.close(timeout);
            }
        }
        if (producer != null) {
            producer.close(timeout);
        }
    }

    /** Runs inside poll: what was done in a revoked partition is committed before another consumer takes it. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> commit =
                        offsets.toCommit(true, partitions);
                if (!commit.isEmpty()) {
                    consumer.commitSync(commit, timeout);
                }
            } catch (RuntimeException e) {
                // the new owner reads those messages again
            }
            onPartitionsLost(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            offsets.forget(partitions);
            buffer.removeIf(t -> partitions.contains(new TopicPartition(t.record().topic(), t.record().partition())));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    }
}
