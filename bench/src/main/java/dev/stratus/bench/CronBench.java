package dev.stratus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.event.Topics;
import dev.stratus.testkit.LocalPlatform;
import dev.stratus.testkit.client.FunctionsApi;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Cron lateness with two scheduler replicas: a per-second schedule (the seconds field the platform's schedulers
 * accept in the benchmark only) on a deployed function, each fire timed from its tick to its arrival on
 * {@code stratus.invocation.requested}, and every tick counted: fired once, twice, or missed.
 */
final class CronBench {
    private static final Duration RUN = Duration.ofSeconds(110);
    private final BenchContext context;

    CronBench(BenchContext context) {
        this.context = context;
    }

    void run(Report report) throws Exception {
        LocalPlatform platform = context.platform();
        Deployed function = context.deploy(context.namespace(), "node22", "");
        String cronId = UUID.randomUUID().toString();
        Map<Instant, Integer> fires = new TreeMap<>();
        Samples lateness = new Samples();
        try (LocalPlatform.Replica second = platform.startReplica(LocalPlatform.Service.SCHEDULER);
             KafkaConsumer<String, String> consumer = consumer(platform);
             KafkaProducer<String, String> producer = producer(platform)) {
            consumer.subscribe(List.of(Topics.INVOCATION_REQUESTED));
            awaitAssignment(consumer);
            producer.send(cron(cronId, function.id())).get();
            long end = System.nanoTime() + RUN.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Instant arrived = Instant.now();
                    JsonNode fire = FunctionsApi.JSON.readTree(record.value());
                    if (fire != null && cronId.equals(fire.path("sourceId").asText())) {
                        Instant tick = Instant.parse(fire.get("scheduledFor").asText());
                        fires.merge(tick, 1, Integer::sum);
                        lateness.addNanos(Duration.between(tick, arrived).toNanos());
                    }
                }
            }
            producer.send(new ProducerRecord<>(Topics.CRON_DESIRED, cronId, null)).get();
        }
        report.add("cron lateness, tick to fire, 2 schedulers", lateness.toString(), verdict(fires, lateness));
    }

    private static String verdict(Map<Instant, Integer> fires, Samples lateness) {
        if (fires.isEmpty()) {
            return "no tick fired";
        }
        TreeMap<Instant, Integer> ticks = new TreeMap<>(fires);
        long expected = ChronoUnit.SECONDS.between(ticks.firstKey(), ticks.lastKey()) + 1;
        long twice = ticks.values().stream().filter(n -> n > 1).count();
        return String.format("%d ticks: %d fired once, %d more than once, %d missed; goal p99 <= 1000 ms: %s",
                expected, ticks.size() - twice, twice, expected - ticks.size(),
                lateness.p99() <= 1000 && twice == 0 && expected == ticks.size() ? "met" : "NOT met");
    }

    private static ProducerRecord<String, String> cron(String cronId, String functionId) {
        String json = String.format("{\"eventId\":\"%s\",\"cronId\":\"%s\",\"functionId\":\"%s\",\"name\":\"bench\","
                        + "\"schedule\":\"* * * * * *\",\"argsJson\":\"{}\",\"updatedAt\":\"%s\"}",
                UUID.randomUUID(), cronId, functionId, Instant.now());
        return new ProducerRecord<>(Topics.CRON_DESIRED, cronId, json);
    }

    private static void awaitAssignment(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no partition of " + Topics.INVOCATION_REQUESTED + " assigned");
            }
            consumer.poll(Duration.ofMillis(100));
        }
    }

    private static KafkaConsumer<String, String> consumer(LocalPlatform platform) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static KafkaProducer<String, String> producer(LocalPlatform platform) {
        Properties p = new Properties();
        p.put("bootstrap.servers", platform.kafkaBootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
