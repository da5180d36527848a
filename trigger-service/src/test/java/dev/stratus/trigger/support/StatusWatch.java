package dev.stratus.trigger.support;

import dev.stratus.common.event.Topics;
import dev.stratus.common.event.TriggerStatusChanged;
import io.micronaut.serde.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code stratus.trigger.status} from its start, to see what trigger-service reported. */
public final class StatusWatch implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<TriggerStatusChanged> seen = new ArrayList<>();

    public StatusWatch(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRIGGER_STATUS, Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The first report of this status for the trigger, polling until the deadline. */
    public TriggerStatusChanged await(String triggerId, String status, Duration timeout) {
        return awaitNth(triggerId, status, 1, timeout);
    }

    /** The n-th report of this status for the trigger, e.g. from the consumer that replaced the first one. */
    public synchronized TriggerStatusChanged awaitNth(String triggerId, String status, int n, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<TriggerStatusChanged> found = seen.stream()
                    .filter(s -> s.triggerId().equals(triggerId) && s.status().equals(status)).toList();
            if (found.size() >= n) {
                return found.get(n - 1);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + status + " status #" + n + " for trigger " + triggerId + " within "
                        + timeout + "; its reports: " + seen.stream().filter(s -> s.triggerId().equals(triggerId))
                        .toList());
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                try {
                    seen.add(ObjectMapper.getDefault().readValue(record.value(), TriggerStatusChanged.class));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
