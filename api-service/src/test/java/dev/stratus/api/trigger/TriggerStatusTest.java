package dev.stratus.api.trigger;

import dev.stratus.api.support.ApiTestSupport;
import dev.stratus.testkit.Poll;
import dev.stratus.common.event.Topics;
import dev.stratus.common.event.TriggerStatusChanged;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Trigger statuses follow what trigger-service reports on {@code stratus.trigger.status}. */
class TriggerStatusTest extends ApiTestSupport {

    @Test
    void aTriggerTakesTheStatusAndErrorMessageThatTriggerServiceReports() throws Exception {
        String function = createFunction(createNamespace(), "status-target");
        var created = api.post(fn("/triggers"), """
                {"name":"jobs","function_id":"%s","nats_config":{"server_url":"nats://127.0.0.1:4222",
                 "subject":"jobs"}}""".formatted(function));
        assertEquals(200, created.status(), created.toString());
        String id = created.string("id");
        assertEquals("creating", created.string("status"));

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            report(producer, id, TriggerStatusChanged.ERROR, "NATS nats://127.0.0.1:4222: Unable to connect");
            var failing = Poll.until(() -> api.get(fn("/triggers/" + id)), r -> "error".equals(r.string("status")),
                    Duration.ofSeconds(30));
            assertEquals("NATS nats://127.0.0.1:4222: Unable to connect", failing.string("error_message"));

            report(producer, id, TriggerStatusChanged.READY, null);
            var ready = Poll.until(() -> api.get(fn("/triggers/" + id)), r -> "ready".equals(r.string("status")),
                    Duration.ofSeconds(30));
            assertNull(ready.string("error_message"), "ready clears the error");

            report(producer, UUID.randomUUID().toString(), TriggerStatusChanged.READY, null); // unknown: ignored
            var renamed = api.patch(fn("/triggers/" + id), "{\"name\":\"jobs-v2\"}");
            assertEquals("ready", renamed.string("status"), "an update keeps the reported status");
        }
    }

    private void report(KafkaProducer<String, String> producer, String triggerId, String status, String message)
            throws Exception {
        String value = json.writeValueAsString(new TriggerStatusChanged(UUID.randomUUID().toString(), triggerId,
                status, message, Instant.now()));
        producer.send(new ProducerRecord<>(Topics.TRIGGER_STATUS, triggerId, value)).get();
    }
}
