package dev.stratus.scheduler.cron;

import dev.stratus.common.event.CronDesired;
import dev.stratus.common.event.FunctionDesired;
import dev.stratus.common.event.InvocationRequested;
import dev.stratus.common.event.Topics;
import dev.stratus.testkit.Infrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several scheduler replicas on one PostgreSQL and one Kafka: each tick fires once, whoever dies. */
class SchedulerReplicasTest {
    private static Infrastructure infra;
    private static Map<String, Object> properties;
    private static KafkaProducer<String, String> producer;
    private static KafkaConsumer<String, String> consumer;
    private static JsonMapper json;
    private static String jdbcUrl;

    @BeforeAll
    static void start() {
        infra = Infrastructure.shared();
        jdbcUrl = infra.newDatabase("scheduler_replicas");
        properties = new HashMap<>(infra.micronautProperties());
        properties.put("datasources.default.url", jdbcUrl);
        properties.put("micronaut.server.port", -1);
        properties.put("stratus.scheduler.allow-seconds", true);
        properties.put("stratus.scheduler.catch-up", "30s");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.INVOCATION_REQUESTED));
        json = JsonMapper.createDefault();
    }

    @AfterAll
    static void stop() {
        producer.close();
        consumer.close();
    }

    @Test
    void everyTickFiresExactlyOnceAcrossReplicasAStopAndARestart() throws Exception {
        String functionId = UUID.randomUUID().toString();
        String cronId = UUID.randomUUID().toString();
        publishFunction(functionId);
        ApplicationContext first = ApplicationContext.run(properties);
        ApplicationContext second = ApplicationContext.run(properties);
        publishCron(cronId, functionId, "* * * * * *");
        Map<Instant, Integer> fired = new TreeMap<>();
        collect(functionId, fired, Duration.ofSeconds(4));
        first.close(); // one replica goes; the other carries on alone
        collect(functionId, fired, Duration.ofSeconds(3));
        second.close();
        Instant down = Instant.now();
        collect(functionId, fired, Duration.ofSeconds(2)); // no scheduler at all for a while
        ApplicationContext third = ApplicationContext.run(properties);
        collect(functionId, fired, Duration.ofSeconds(4));
        third.close();

        assertTrue(fired.size() >= 8, "too few ticks to judge: " + fired);
        fired.forEach((tick, count) -> assertEquals(1, count, "tick " + tick + " fired " + count + " times"));
        Instant firstTick = fired.keySet().iterator().next();
        Instant lastTick = ((TreeMap<Instant, Integer>) fired).lastKey();
        assertEquals(ChronoUnit.SECONDS.between(firstTick, lastTick) + 1, fired.size(),
                "a tick is missing between " + firstTick + " and " + lastTick + ": " + fired.keySet());
        assertTrue(lastTick.isAfter(down.plusSeconds(2)), "the restarted scheduler fires again");
    }

    @Test
    void aClaimedTickWhoseSchedulerDiedIsPublishedBySomeoneElse() throws Exception {
        String functionId = UUID.randomUUID().toString();
        String cronId = UUID.randomUUID().toString();
        publishFunction(functionId);
        publishCron(cronId, functionId, "0 0 1 1 *"); // not due: only the orphaned claim can fire
        Instant tick = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(20);
        try (var c = DriverManager.getConnection(jdbcUrl, infra.postgres().username(), infra.postgres().password());
             var insert = c.prepareStatement("INSERT INTO cron_fire (cron_id, tick, invocation_id, function_id, "
                     + "claimed_at) VALUES (?, ?, ?, ?, now() - interval '1 minute')")) {
            migrate();
            insert.setString(1, cronId);
            insert.setTimestamp(2, Timestamp.from(tick));
            insert.setObject(3, UUID.randomUUID());
            insert.setString(4, functionId);
            insert.executeUpdate();
        }
        try (ApplicationContext replica = ApplicationContext.run(properties)) {
            Map<Instant, Integer> fired = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!fired.containsKey(tick) && System.nanoTime() < deadline) {
                collect(functionId, fired, Duration.ofMillis(500));
            }
            assertEquals(Map.of(tick, 1), fired);
        }
    }

    @Test
    void aDeletedCronStopsFiring() throws Exception {
        String functionId = UUID.randomUUID().toString();
        String cronId = UUID.randomUUID().toString();
        publishFunction(functionId);
        try (ApplicationContext replica = ApplicationContext.run(properties)) {
            publishCron(cronId, functionId, "* * * * * *");
            Map<Instant, Integer> fired = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (fired.size() < 2 && System.nanoTime() < deadline) {
                collect(functionId, fired, Duration.ofMillis(500));
            }
            assertTrue(fired.size() >= 2, "the cron should fire: " + fired);
            producer.send(new ProducerRecord<>(Topics.CRON_DESIRED, cronId, null)).get();
            collect(functionId, fired, Duration.ofSeconds(1)); // what was in flight when it was deleted
            int before = fired.size();
            collect(functionId, fired, Duration.ofSeconds(3));
            assertEquals(before, fired.size(), "no tick after the deletion");
        }
    }

    /** Flyway runs when a context starts; the orphaned-claim test writes to the table before one does. */
    private static void migrate() {
        ApplicationContext.run(properties).close();
    }

    private static void collect(String functionId, Map<Instant, Integer> fired, Duration during) throws Exception {
        long until = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < until) {
            for (var record : consumer.poll(Duration.ofMillis(100))) {
                InvocationRequested invocation = json.readValue(record.value(), InvocationRequested.class);
                if (invocation.functionId().equals(functionId)) {
                    fired.merge(invocation.scheduledFor(), 1, Integer::sum);
                }
            }
        }
    }

    private static void publishFunction(String functionId) throws Exception {
        var function = new FunctionDesired(UUID.randomUUID().toString(), functionId, "ns", "project", "fn",
                "fn.functions.localhost", "node22", "handler.handle", 1, 0, 1, 256, 140, 300, "public", "enabled",
                "v1", Map.of(), Map.of(), null, Instant.now());
        producer.send(new ProducerRecord<>(Topics.FUNCTION_DESIRED, functionId, json.writeValueAsString(function)))
                .get();
    }

    private static void publishCron(String cronId, String functionId, String schedule) throws Exception {
        var cron = new CronDesired(UUID.randomUUID().toString(), cronId, functionId, "every-second", schedule,
                "{\"hello\":\"cron\"}", Instant.now());
        producer.send(new ProducerRecord<>(Topics.CRON_DESIRED, cronId, json.writeValueAsString(cron))).get();
    }
}
