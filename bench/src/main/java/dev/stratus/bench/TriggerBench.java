package dev.stratus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.event.Topics;
import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.Nats;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.client.FunctionsApi;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Trigger delivery through the whole platform: messages published to a NATS JetStream subject and to a Kafka
 * topic, consumed by trigger-service, POSTed through the gateway to a deployed no-op node function
 * ({@code max_scale} 10). The rate is messages over the time from the first publish until the runtime has
 * recorded that many 2xx trigger calls. None is lost when, besides, the source has every message acknowledged
 * (trigger-service acks only after a 2xx) and no dead letter.
 */
final class TriggerBench {
    /* Steady state, as for warm calls: the JIT has compiled the delivery path of every service first. */
    private static final int WARM_UP = 2000;
    private static final int MESSAGES = 5000;
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String SINK = """
            module.exports.handle = (event, context, callback) => callback(null, { statusCode: 200, body: 'ok' });
            """;
    private final BenchContext context;

    TriggerBench(BenchContext context) {
        this.context = context;
    }

    void run(Report report) throws Exception {
        String namespace = context.namespace();
        try (Nats nats = Nats.start(); TriggerSources.NatsSubject subject = new TriggerSources.NatsSubject(nats)) {
            measure(report, namespace, "nats", subject);
        }
        try (TriggerSources.KafkaTopic topic = new TriggerSources.KafkaTopic(context.platform())) {
            measure(report, namespace, "kafka", topic);
        }
    }

    private void measure(Report report, String namespace, String kind, TriggerSources.Source source)
            throws Exception {
        FunctionsApi api = context.api();
        String functionId = deploySink(namespace, kind);
        JsonNode trigger = api.post("/triggers", "{\"name\": \"bench-" + kind + "\", \"function_id\": \""
                + functionId + "\", " + source.configJson() + "}");
        String triggerId = trigger.get("id").asText();
        try (KafkaConsumer<String, String> records = recordConsumer(context.platform())) {
            awaitReady(api, triggerId);
            source.publish(bodies("warm", WARM_UP));
            awaitCalls(records, functionId, WARM_UP);
            long start = System.nanoTime();
            source.publish(bodies("m", MESSAGES));
            long calls = awaitCalls(records, functionId, MESSAGES);
            double seconds = (System.nanoTime() - start) / 1e9;
            awaitSettled(source, triggerId);
            double rate = MESSAGES / seconds;
            report.add("trigger delivery, " + kind + " to a no-op node function",
                    String.format("%.0f msg/s  (%d messages in %.2f s)", rate, MESSAGES, seconds),
                    String.format("0 lost (all acked after a 2xx, no dead letter), %d extra calls; goal >= 1000 "
                            + "msg/s: %s", calls - MESSAGES, rate >= 1000 ? "met" : "NOT met"));
        } finally {
            api.delete("/triggers/" + triggerId);
        }
    }

    private String deploySink(String namespace, String kind) {
        FunctionsApi api = context.api();
        JsonNode function = api.createFunction(namespace, "sink-" + kind, "node22", "public");
        String id = function.get("id").asText();
        api.patch("/functions/" + id, "{\"max_scale\": 10, \"redeploy\": false}");
        JsonNode ready = api.uploadAndDeploy(id, FunctionZips.of(Map.of("handler.js", SINK)),
                BenchContext.DEPLOY_TIMEOUT);
        if (!ready.get("status").asText().equals("ready")) {
            throw new IllegalStateException("deploy failed: " + ready);
        }
        return id;
    }

    private static List<String> bodies(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(n -> prefix + ":" + n).toList();
    }

    private static void awaitReady(FunctionsApi api, String triggerId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (!status.equals("ready")) {
            status = api.get("/triggers/" + triggerId).get("status").asText();
            if (System.nanoTime() > deadline || status.equals("error")) {
                throw new IllegalStateException("trigger " + triggerId + " is " + status);
            }
            FunctionsApi.pause();
        }
    }

    /** Counts the function's 2xx trigger calls on record until {@code count} more have come; returns them. */
    private static long awaitCalls(KafkaConsumer<String, String> records, String functionId, int count)
            throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        long calls = 0;
        while (calls < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + calls + " of " + count + " messages delivered in " + DEADLINE);
            }
            for (ConsumerRecord<String, String> record : records.poll(Duration.ofMillis(50))) {
                JsonNode call = FunctionsApi.JSON.readTree(record.value());
                if (call != null && functionId.equals(call.path("functionId").asText())
                        && call.path("source").asText().equals("trigger") && call.path("status").asInt() / 100 == 2) {
                    calls++;
                }
            }
        }
        return calls;
    }

    private static void awaitSettled(TriggerSources.Source source, String triggerId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!source.settled(triggerId)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("messages left unacknowledged or dead-lettered");
            }
            FunctionsApi.pause();
        }
    }

    private static KafkaConsumer<String, String> recordConsumer(LocalPlatform platform) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(Topics.INVOCATION_COMPLETED));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }
}
