package dev.stratus.api.outbox;

import dev.stratus.api.support.ApiTestSupport;
import dev.stratus.testkit.Poll;
import dev.stratus.api.support.TopicProbe;
import dev.stratus.common.event.NamespaceDesired;
import dev.stratus.common.event.Topics;
import dev.stratus.testkit.Infrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox keeps events while Kafka is down and delivers all of them, in order per key, once it is back. */
class OutboxDeliveryTest extends ApiTestSupport {
    private static final int NAMESPACES = 4;
    private static final int UPDATES = 5;

    @Inject
    OutboxRepository outbox;

    @Test
    void eventsWrittenWhileKafkaIsDownArriveInOrderAfterItReturns() throws Exception {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < NAMESPACES; i++) {
            expected.put(createNamespace(), new ArrayList<>(List.of("")));
        }
        Poll.until(outbox::countBySentAtIsNull, unsent -> unsent == 0, Duration.ofSeconds(30));

        var kafka = Infrastructure.shared().kafka();
        kafka.stop();
        try {
            for (int update = 1; update <= UPDATES; update++) {
                for (var entry : expected.entrySet()) {
                    String description = "rev-" + update;
                    var answer = api.patch(fn("/namespaces/" + entry.getKey()),
                            "{\"description\":\"" + description + "\"}");
                    assertEquals(200, answer.status(), "the API keeps working while Kafka is down: " + answer);
                    entry.getValue().add(description);
                }
            }
            assertEquals(NAMESPACES * UPDATES, outbox.countBySentAtIsNull(), "every change waits in the outbox");
        } finally {
            kafka.restart();
        }

        Poll.until(outbox::countBySentAtIsNull, unsent -> unsent == 0, Duration.ofSeconds(60));
        try (var probe = new TopicProbe(bootstrapServers(), Topics.NAMESPACE_DESIRED)) {
            for (var entry : expected.entrySet()) {
                var records = probe.awaitForKey(entry.getKey(), UPDATES + 1, Duration.ofSeconds(60));
                List<String> descriptions = new ArrayList<>();
                for (var record : records) {
                    descriptions.add(json.readValue(record.value(), NamespaceDesired.class).description());
                }
                assertEquals(entry.getValue(), dedupeConsecutive(descriptions), "order kept for " + entry.getKey());
            }
        }
    }

    /** Delivery is at least once: a redelivered event repeats its neighbour but never reorders. */
    private static List<String> dedupeConsecutive(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(value)) {
                out.add(value);
            }
        }
        assertTrue(out.size() <= values.size());
        return out;
    }
}
